# Script mode helper for hcsim_embed_text: writes the bytes of INPUT as a
# hex array so any content (quotes, backslashes, non-ASCII) survives.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT}; do not edit.\n#include <string_view>\n\nnamespace {\nconstexpr unsigned char data[] = {\n  ${bytes}0x00};\n}\n\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(reinterpret_cast<const char*>(data), ${byte_count});\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
