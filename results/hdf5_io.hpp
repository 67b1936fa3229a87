#pragma once
// Small helpers over the HDF5 C API shared by the results writer, the
// checkpoint files of a running plan and the results reader. Writing errors
// throw OutputError; reading errors throw models::InputError naming the file.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace hcsim::results {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns one HDF5 identifier and closes it with the matching function.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what);
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&&) = delete;
  ~Handle();
  [[nodiscard]] hid_t get() const noexcept { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void check(herr_t status, const std::string& what);
// Silences the HDF5 library's own error printing (errors become exceptions).
void quiet_hdf5_errors();

Handle create_group(hid_t parent, const char* name);
void write_text_attribute(hid_t object, const char* name, const std::string& value);
void write_int64_attribute(hid_t object, const char* name, std::int64_t value);
void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value);
void write_double_attribute(hid_t object, const char* name, double value);
void write_text(hid_t parent, const char* name, const std::string& value);
void write_texts(hid_t parent, const char* name, const std::vector<std::string>& values);
Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const std::vector<double>& values);
Handle write_int64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                    const std::vector<std::int64_t>& values);
Handle write_uint64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const std::vector<std::uint64_t>& values);

// Reading; `path` names the file in error messages.
[[nodiscard]] bool has_link(hid_t file, const char* link);
[[nodiscard]] std::string read_text_attribute(hid_t object, const char* name,
                                              const std::string& path);
[[nodiscard]] std::int64_t read_int64_attribute(hid_t object, const char* name,
                                                const std::string& path);
[[nodiscard]] std::uint64_t read_uint64_attribute(hid_t object, const char* name,
                                                  const std::string& path);
[[nodiscard]] double read_double_attribute(hid_t object, const char* name, const std::string& path);
[[nodiscard]] std::vector<std::string> read_texts(hid_t file, const char* dataset,
                                                  const std::string& path);
[[nodiscard]] std::string read_text(hid_t file, const char* dataset, const std::string& path);
// Reads a float64 dataset of any rank; `shape` receives its dimensions.
[[nodiscard]] std::vector<double> read_doubles(hid_t file, const std::string& dataset,
                                               std::vector<hsize_t>& shape,
                                               const std::string& path);
[[nodiscard]] std::vector<std::int64_t> read_int64s(hid_t file, const char* dataset,
                                                    const std::string& path);
[[nodiscard]] std::vector<std::uint64_t> read_uint64s(hid_t file, const char* dataset,
                                                      const std::string& path);
// Opens an existing HDF5 file read-only; InputError when it is missing or not HDF5.
[[nodiscard]] Handle open_for_reading(const std::string& path);

}  // namespace hcsim::results
