// Defines egret::pipeline::json_string: a string as a JSON literal, for the files a pipeline writes
// (run_results.json, the docs site's data, `dag --format json`). Written by hand: it is the one function of JSON
// these files need, and none of the project's chosen dependencies writes JSON.
#pragma once

#include <string>
#include <string_view>

namespace egret::pipeline {

/// A JSON string literal that is also safe inside an HTML <script> element: `<`, `>` and `&` as \u escapes (so no
/// `</script>` or `<!--` can end or change it), control characters escaped, and U+2028 / U+2029 escaped (line
/// terminators for older JavaScript).
inline std::string json_string(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (std::size_t i = 0; i != s.size(); ++i) {
    auto const c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}


}  // namespace egret::pipeline
