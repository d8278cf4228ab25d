#!/usr/bin/env python3
"""Writes the LD_PRELOAD shim spec (tests/oracle/interfaces_ioctl_shim.c) that
makes the kernel answer the interface ioctls the way an interfaces.json
(replay/interfaces_json.h) recorded them, so /usr/bin/netstat can be asked
about the same interfaces our replay shows. Usage: iface_spec_from_json.py JSON
"""
import json
import sys


def spec_lines(doc):
    lines = [
        "# Generated from interfaces.json by scripts/lib/iface_spec_from_json.py;",
        "# read by tests/oracle/interfaces_ioctl_shim.c (do not edit).",
    ]
    for label in doc.get("labels", []):
        lines.append("+conf " + label)
    for i in doc["interfaces"]:
        name = i["name"]
        if "error" in i:
            code, _, err = i["error"].partition(":")
            if code == "not_found":
                continue  # the kernel does not know the name: ENODEV
            lines.append(f"{name} fake=1 fail=flags:{err or 5}")
            continue
        fails = []
        words = [name, "fake=1", f"flags={i['flags'] & 0xffff}", f"mtu={i['mtu']}",
                 f"metric={i.get('metric', 0)}", f"txqlen={i.get('txqueuelen', -1)}"]
        hw = i.get("hwaddr")
        if hw is None:
            fails.append("hwaddr:22")
        else:
            words += [f"hwtype={hw['type']}", f"hwaddr={hw['addr']}"]
        m = i.get("map")
        if m is None:
            fails.append("map:22")
        else:
            for key, spec_key in (("irq", "irq"), ("dma", "dma"), ("port", "port"),
                                  ("base_addr", "base"), ("mem_start", "mem_start"),
                                  ("mem_end", "mem_end")):
                words.append(f"{spec_key}={m.get(key, 0)}")
        inet = i.get("inet")
        if inet is not None:
            words.append("addr=" + inet["addr"])
            for key, spec_key in (("dstaddr", "dst"), ("broadaddr", "brd"),
                                  ("netmask", "mask")):
                if inet[key] is None:
                    fails.append(spec_key + ":99")
                else:
                    words.append(f"{spec_key}={inet[key]}")
        words += [f"outfill={i.get('outfill', 0)}", f"keepalive={i.get('keepalive', 0)}"]
        if fails:
            words.append("fail=" + ",".join(fails))
        lines.append(" ".join(words))
    return lines


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    print("\n".join(spec_lines(doc)))


if __name__ == "__main__":
    main()
