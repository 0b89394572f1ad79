// What the two widget examples share: writing numbers and strings as JSON
// that is safe inside an HTML <script> element, and the page's frame.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace widgets {

/// A number as JSON. JSON has no NaN or infinities: they are written as the
/// strings "NaN", "Infinity" and "-Infinity", which the page's script turns
/// back into numbers. 17 significant digits give back the same double.
inline std::string json_number(double v) {
    if (std::isnan(v)) return "\"NaN\"";
    if (std::isinf(v)) return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

/// A string as JSON, escaped for a <script> element too: '<' is written
/// \u003c, so neither "</script>" nor "<!--" can end the block early.
inline std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '<':
                out += "\\u003c";
                break;
            case '>':
                out += "\\u003e";
                break;
            case '&':
                out += "\\u0026";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

/// Text for HTML element content and attribute values.
inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

/// A number as shown on the page and in the terminal: 6 significant digits.
inline std::string shown(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.6g", v == 0 ? 0.0 : v);
    return buffer;
}

// The head of every page: no resource from anywhere (default-src 'none'),
// only the page's own inline style and script.
inline constexpr std::string_view head = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1">
)HTML";

/// Writes a file; false on failure.
inline bool write_file(const std::string& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return false;
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    return std::fclose(f) == 0 && ok;
}

}  // namespace widgets
