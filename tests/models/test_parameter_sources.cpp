// Every number in the embedded default parameters carries its source or is
// marked as an assumption, as the file's own header promises, so that a
// reader of models/defaults/england.yaml can tell a published figure from a
// choice.
//
// The file's convention, which the lint below checks:
// - A comment block documents the run of keys right after it, and the
//   contents of any mapping among them; a key's own trailing comment counts
//   too. A blank line ends a block.
// - The block is marked by one of the words ASSUMPTION, CALIBRATION (a
//   value fitted to a published target, docs/calibration.md) or derived
//   (arithmetic on published figures), or it cites a source: a year in
//   parentheses, as in "(Health Foundation, 2018)", or after a name, as in
//   "Census 2021" or "Regulations 2014".
// Switches (true/false) and names are not numbers and need no mark. Neither
// does a phrase like "to be calibrated" or "in 2019" make a source.
//
// What the lint cannot see: a bare number added directly under a documented
// run of keys joins that run, as the file's grouped keys (the Gompertz
// slope and its two modal ages, say) rely on. A new key with its own comment,
// or after a blank line, or in a new mapping, is checked on its own.
#include <catch2/catch.hpp>

#include <cstddef>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "models/parameters.hpp"

namespace {

struct UnsourcedNumber {
  std::size_t line = 0;  // 1-based, the line of the key
  std::string key_path;  // dotted mapping keys, list positions left out
};

struct YamlLine {
  std::size_t indent = 0;  // spaces before the first character
  bool blank = false;
  bool comment = false;  // a whole-line comment
  bool key = false;      // "key:" or "- key:"
  std::size_t key_indent = 0;  // column of the key itself (after any "- ")
  std::string key_name;
  std::string value;     // after the key's colon (or the whole line), comment removed
  std::string trailing_comment;
};

// Splits `text` at a '#' that starts a comment: outside quotes, at the start
// or after whitespace (YAML's rule, so "a#b" stays a scalar).
void split_comment(const std::string& text, std::string& before, std::string& comment) {
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      before = text.substr(0, i);
      comment = text.substr(i + 1);
      return;
    }
  }
  before = text;
  comment.clear();
}

YamlLine classify(const std::string& raw) {
  static const std::regex key_line(R"(^(\s*)(- +)?([A-Za-z_][A-Za-z0-9_]*):(\s.*|$))");
  YamlLine line;
  const auto first = raw.find_first_not_of(" \t");
  if (first == std::string::npos) {
    line.blank = true;
    return line;
  }
  line.indent = first;
  if (raw[first] == '#') {
    line.comment = true;
    line.trailing_comment = raw.substr(first + 1);
    return line;
  }
  std::smatch match;
  std::string rest = raw;
  if (std::regex_match(raw, match, key_line)) {
    line.key = true;
    line.key_indent = static_cast<std::size_t>(match.length(1) + match.length(2));
    line.key_name = match.str(3);
    rest = match.str(4);
  }
  split_comment(rest, line.value, line.trailing_comment);
  return line;
}

// Whether a value holds a number: a plain scalar that reads as one, in block
// or flow style ("0.25", "[0, 5]", "{mean: 6.8}"). Quoted strings, names
// (lognormal, P2, e65) and switches (true, false) are not numbers.
bool holds_number(const std::string& value) {
  static const std::regex number(R"(^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$)");
  std::string token;
  char quote = 0;
  bool found = false;
  auto flush = [&] {
    if (!token.empty() && std::regex_match(token, number)) found = true;
    token.clear();
  };
  for (const char c : value) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      flush();
      quote = c;
    } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == ':' ||
               c == ' ' || c == '\t') {
      flush();
    } else {
      token += c;  // a list item's dash alone is no number
    }
  }
  flush();
  return found;
}

// A comment block's text on one line: '#' and indentation dropped.
std::string joined(const std::vector<std::string>& comments) {
  std::string text;
  for (const auto& comment : comments) {
    const auto first = comment.find_first_not_of(" \t#");
    if (first == std::string::npos) continue;
    if (!text.empty()) text += ' ';
    text += comment.substr(first);
  }
  return text;
}

// Whether a key's documentation says where its numbers come from.
bool marks_source(const std::string& documentation) {
  static const std::regex mark(R"(\b(ASSUMPTION|CALIBRATION|derived)\b)");
  if (std::regex_search(documentation, mark)) return true;
  // A year after a capitalised name: "Census 2021", "Qual Saf 2019".
  static const std::regex named_year(R"(\b[A-Z][A-Za-z.&-]*,? (19|20)\d\d\b)");
  if (std::regex_search(documentation, named_year)) return true;
  // A year inside parentheses: "(ONS, Care homes ..., 2019-20)".
  static const std::regex year(R"(\b(19|20)\d\d\b)");
  for (auto it = std::sregex_iterator(documentation.begin(), documentation.end(), year);
       it != std::sregex_iterator(); ++it) {
    int depth = 0;
    const auto at = static_cast<std::size_t>(it->position());
    for (std::size_t i = 0; i < at; ++i) {
      if (documentation[i] == '(') ++depth;
      if (documentation[i] == ')' && depth > 0) --depth;
    }
    if (depth > 0) return true;
  }
  return false;
}

// The keys of `yaml` that hold a number without a source or mark.
std::vector<UnsourcedNumber> unsourced_numbers(std::string_view yaml) {
  std::vector<YamlLine> lines;
  {
    std::istringstream in{std::string(yaml)};
    std::string raw;
    while (std::getline(in, raw)) lines.push_back(classify(raw));
  }

  // Which key each number belongs to: its own line's, or for a continuation
  // line or list item the nearest key above it that encloses it.
  std::vector<char> numeric(lines.size(), 0);
  std::vector<std::string> paths(lines.size());
  std::vector<std::pair<std::size_t, std::string>> open;  // (key column, name)
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.blank || line.comment) continue;
    if (line.key) {
      while (!open.empty() && open.back().first >= line.key_indent) open.pop_back();
      open.emplace_back(line.key_indent, line.key_name);
      for (const auto& [column, name] : open) {
        if (!paths[i].empty()) paths[i] += '.';
        paths[i] += name;
      }
      if (holds_number(line.value)) numeric[i] = 1;
    } else if (holds_number(line.value)) {
      for (std::size_t k = i; k-- > 0;) {
        if (lines[k].key && (lines[k].key_indent < line.indent ||
                             (lines[k].key_indent == line.indent && line.value.rfind('-', 0) == 0))) {
          numeric[k] = 1;
          break;
        }
      }
    }
  }

  std::vector<UnsourcedNumber> unsourced;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (numeric[i] == 0) continue;
    std::vector<std::string> documentation{lines[i].trailing_comment};
    // Up through the keys of the same run and the mappings enclosing it, to
    // the comment block above; lines deeper than the level reached (an
    // earlier key's contents, its comments included) are passed over.
    std::size_t level = lines[i].indent;
    for (std::size_t k = i; k-- > 0;) {
      const auto& above = lines[k];
      if (above.blank) break;
      if (above.indent > level) continue;
      if (above.comment) {
        std::vector<std::string> block;
        for (std::size_t c = k + 1; c-- > 0 && lines[c].comment;) {
          block.insert(block.begin(), lines[c].trailing_comment);
        }
        documentation.insert(documentation.end(), block.begin(), block.end());
        break;
      }
      level = above.indent;
    }
    if (!marks_source(joined(documentation))) unsourced.push_back({i + 1, paths[i]});
  }
  return unsourced;
}

std::string described(const std::vector<UnsourcedNumber>& unsourced) {
  std::string text;
  for (const auto& number : unsourced) {
    text += "line " + std::to_string(number.line) + ": " + number.key_path + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("every number in the embedded defaults carries its source or is marked",
          "[parameters][parameter_sources]") {
  const auto unsourced = unsourced_numbers(hcsim::models::default_parameters_text());
  for (const auto& number : unsourced) {
    // File and line, so the message points at the key to document.
    FAIL_CHECK(hcsim::models::default_parameters_name
               << ":" << number.line << ": " << number.key_path
               << " holds a number with no source and no ASSUMPTION, CALIBRATION or derived "
                  "mark in its comment block");
  }
  CHECK(unsourced.empty());
}

TEST_CASE("the source lint fails a bare number and passes a marked one",
          "[parameters][parameter_sources]") {
  SECTION("a number with no comment, or a comment that names no source, fails") {
    const auto bare = unsourced_numbers(R"(hospital:
  # ASSUMPTION: escalation after 12 hours.
  after_wait_days: 0.5

  beds_per_1000: 1.8
)");
    INFO(described(bare));
    REQUIRE(bare.size() == 1);
    CHECK(bare[0].line == 5);
    CHECK(bare[0].key_path == "hospital.beds_per_1000");

    const auto described_only = unsourced_numbers(R"(hospital:
  # General and acute beds per 1,000 population, as in 2019; to be
  # calibrated.
  beds_per_1000: 1.8
)");
    REQUIRE(described_only.size() == 1);
    CHECK(described_only[0].line == 4);
  }

  SECTION("each mark and each form of citation passes") {
    for (const std::string documented :
         {"  # ASSUMPTION: a round number.\n  x: 1\n",
          "  # derived: 102,194 beds / 56.5m people.\n  x: 1\n",
          "  # CALIBRATION (docs/calibration.md): so that beds are 88% full.\n  x: 1\n",
          "  # Beds (NHS England via Nuffield Trust,\n  # Q4 2019/20).\n  x: 1\n",
          "  # From Census 2021 table P02.\n  x: 1\n",
          "  x: 1  # ASSUMPTION: a round number.\n"}) {
      const std::string text = "hospital:\n" + documented;
      INFO(text);
      CHECK(unsourced_numbers(text).empty());
    }
  }

  SECTION("switches and names are not numbers") {
    CHECK(unsourced_numbers(R"(escalation_beds:
  enabled: false
funding:
  regime: split
stay: {distribution: lognormal}
edges:
  - [home, in_hospital]
)")
              .empty());
  }

  SECTION("a block covers its run of keys and their mappings, up to a blank line") {
    const auto run = unsourced_numbers(R"(mortality:
  # ASSUMPTION: slope 0.1; the modal ages fitted to e65.
  gompertz_slope: 0.1
  modal_age_male: 85.67
  stay:
    distribution: lognormal
    mean: 6.8

  modal_age_female: 88.96
)");
    INFO(described(run));
    REQUIRE(run.size() == 1);
    CHECK(run[0].key_path == "mortality.modal_age_female");
  }

  SECTION("a comment inside an earlier key's mapping documents none of the keys after it") {
    const auto after = unsourced_numbers(R"(discharge:
  reablement:
    # ASSUMPTION: 6.5% of discharges 65+.
    probability: [0.0, 0.065]
  capacity_per_1000: 0.239
)");
    INFO(described(after));
    REQUIRE(after.size() == 1);
    CHECK(after[0].key_path == "discharge.capacity_per_1000");
  }

  SECTION("numbers on a list's continuation lines and in flow mappings count") {
    const auto continued = unsourced_numbers(R"(population:
  # Usual residents by age band.
  age_counts: [
    3077000, 3348600]
  length_of_service: {distribution: lognormal, mean: 18.07, sd: 31.46}
)");
    INFO(described(continued));
    REQUIRE(continued.size() == 2);
    CHECK(continued[0].key_path == "population.age_counts");
    CHECK(continued[0].line == 3);
    CHECK(continued[1].key_path == "population.length_of_service");
  }
}
