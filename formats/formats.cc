// Anchor translation unit so the formats library is never empty.
namespace netstat::formats {
int formats_library_anchor = 0;
}  // namespace netstat::formats
