#pragma once
// A small CSV reader that remembers where every field came from, so a bad
// value is reported as file:line:column with its column name (InputError),
// as scenario errors are. RFC 4180 quoting: fields may be quoted, with ""
// for a quote inside; no field spans lines. Used for series a scenario reads
// from files and for the external models' inputs validation compares with.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/input_error.hpp"

namespace hcsim::models {

struct CsvField {
  std::string text;
  int column = 0;  // 1-based character column where the field starts
};

class CsvTable {
 public:
  // Reads `path`; throws InputError when it is missing, empty, or a
  // row has a different number of fields from the header.
  static CsvTable read(const std::string& path);

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] std::size_t rows() const noexcept { return rows_.size(); }

  // Index of the header column `name`; throws InputError naming the
  // file and the columns it has when there is none.
  [[nodiscard]] std::size_t column(const std::string& name) const;

  [[nodiscard]] const std::string& text(std::size_t row, std::size_t column) const {
    return rows_[row].fields[column].text;
  }
  // Parsed values; each throws InputError naming file, line, column
  // and the column name when the text is not what is expected.
  [[nodiscard]] double number(std::size_t row, std::size_t column) const;
  [[nodiscard]] double non_negative(std::size_t row, std::size_t column) const;
  [[nodiscard]] std::int64_t count(std::size_t row, std::size_t column, std::int64_t min) const;
  [[nodiscard]] const std::string& non_empty(std::size_t row, std::size_t column) const;

  // A diagnostic pointing at one field.
  [[nodiscard]] Diagnostic at(std::size_t row, std::size_t column,
                                      std::string message) const;

 private:
  struct Row {
    int line = 0;
    std::vector<CsvField> fields;
  };
  std::string file_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace hcsim::models
