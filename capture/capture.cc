// Anchor translation unit so the capture library is never empty.
namespace netstat::capture {
int capture_library_anchor = 0;
}  // namespace netstat::capture
