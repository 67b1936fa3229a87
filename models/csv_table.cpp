#include "models/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>

namespace hcsim::models {
namespace {

// Splits one line; false when a quoted field is not closed.
bool split_line(const std::string& line, std::vector<CsvField>& fields, int& bad_column) {
  fields.clear();
  std::size_t i = 0;
  for (;;) {
    CsvField field;
    field.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) {
          bad_column = field.column;
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.text += line[i++];
      }
      // Anything between the closing quote and the comma is kept as text.
      while (i < line.size() && line[i] != ',') field.text += line[i++];
    } else {
      while (i < line.size() && line[i] != ',') field.text += line[i++];
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

CsvTable CsvTable::read(const std::string& path) {
  CsvTable table;
  table.file_ = path;
  if (const std::string kind = not_a_regular_file(path); !kind.empty()) {
    throw InputError(
        Diagnostic{path, 0, 0, "", "is not a regular file (" + kind + "); expected a CSV file"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(Diagnostic{path, 0, 0, "", "cannot open the file"});
  }
  std::string line;
  int line_number = 0;
  bool have_header = false;
  Diagnostics problems;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<CsvField> fields;
    int bad_column = 0;
    if (!split_line(line, fields, bad_column)) {
      problems.add({path, line_number, bad_column, "", "a quoted field is not closed"});
      continue;
    }
    if (!have_header) {
      for (const auto& field : fields) {
        const std::string name = trimmed(field.text);
        // column() finds the first of two same-named columns, so the other
        // would be ignored without a word.
        for (std::size_t c = 0; c < table.header_.size(); ++c) {
          if (!name.empty() && table.header_[c] == name) {
            problems.add({path, line_number, field.column, name,
                          "column '" + name + "' appears twice in the header (first as column " +
                              std::to_string(c + 1) + "); expected each column name once"});
            break;
          }
        }
        table.header_.push_back(name);
      }
      have_header = true;
      continue;
    }
    if (fields.size() != table.header_.size()) {
      problems.add({path, line_number, 1, "",
                    "expected " + std::to_string(table.header_.size()) +
                        " fields as in the header, found " + std::to_string(fields.size())});
      continue;
    }
    table.rows_.push_back({line_number, std::move(fields)});
  }
  if (!have_header) problems.add({path, 1, 1, "", "the file is empty (expected a header line)"});
  problems.throw_if_any();
  return table;
}

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (header_[c] == name) return c;
  }
  std::string known;
  for (const auto& h : header_) known += (known.empty() ? "" : ", ") + h;
  std::string message = "missing column '" + name + "' (the header has: " + known + ")";
  const std::string suggestion = closest_match(name, header_);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  throw InputError(Diagnostic{file_, 1, 1, name, message});
}

Diagnostic CsvTable::at(std::size_t row, std::size_t column, std::string message) const {
  return {file_, rows_[row].line, rows_[row].fields[column].column, header_[column],
          std::move(message)};
}

double CsvTable::number(std::size_t row, std::size_t column) const {
  const std::string text = trimmed(this->text(row, column));
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    throw InputError(at(row, column, "expected a number, got '" + text + "'"));
  }
  return value;
}

double CsvTable::non_negative(std::size_t row, std::size_t column) const {
  const double value = number(row, column);
  if (value < 0.0) {
    throw InputError(at(row, column, "expected a non-negative number, got '" +
                                         trimmed(text(row, column)) + "'"));
  }
  return value;
}

std::int64_t CsvTable::count(std::size_t row, std::size_t column, std::int64_t min) const {
  const double value = number(row, column);
  if (value != std::floor(value) || value < static_cast<double>(min) || value > 1e15) {
    throw InputError(at(row, column, "expected a whole number >= " + std::to_string(min) +
                                         ", got '" + trimmed(text(row, column)) + "'"));
  }
  return static_cast<std::int64_t>(value);
}

const std::string& CsvTable::non_empty(std::size_t row, std::size_t column) const {
  const std::string& value = text(row, column);
  if (trimmed(value).empty()) throw InputError(at(row, column, "expected a value, got ''"));
  return value;
}

}  // namespace hcsim::models
