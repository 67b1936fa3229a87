#pragma once
// Small helpers over the HDF5 C API shared by the results writer, the
// checkpoint files of a running plan and the results reader. Writing errors
// throw OutputError; reading errors throw models::InputError naming the file.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hcsim::results {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns one HDF5 identifier and closes it with the matching function. An
// identifier that could not be made (id < 0) throws OutputError; while an
// OutputFile is being written, so does any new one once a write has failed.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what);
  Handle(Handle&& other) noexcept
      : id_(other.id_), close_(other.close_), what_(std::move(other.what_)) {
    other.id_ = -1;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&&) = delete;
  ~Handle();
  [[nodiscard]] hid_t get() const noexcept { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
  std::string what_;
};

// A new HDF5 file being written, on the thread that writes it.
//
// HDF5 (1.10) does not survive a failed write: a file whose close fails stays
// registered although half freed, and the library crashes when it closes it
// again at exit. So at the first failure of a helper here while the file is
// open (disk full, quota, I/O error), the file's descriptor is pointed at an
// anonymous in-memory file: what the library still writes while closing
// succeeds and goes nowhere, every later helper throws at once, and close()
// reports the first failure with its cause. The file on disk is then
// incomplete and the caller removes it (write_hdf5_atomically in
// results/hdf5_results.hpp). Should a close fail all the same (a process file
// size limit, ulimit -f, bounds the in-memory file too), the library's
// clean-up at exit is skipped, so the process still ends with its error.
class OutputFile {
 public:
  // Creates or truncates `path`; OutputError when it cannot.
  explicit OutputFile(const std::string& path);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  // Closes the file, if close() did not, without writing anything more to it.
  ~OutputFile();

  [[nodiscard]] hid_t get() const noexcept { return id_; }
  // Flushes and closes the file; OutputError when that or any earlier write
  // failed.
  void close();

  // The first failure: what failed ("HDF5 failed to write occupancy") and
  // why, as the system said it ("No space left on device"; "" when HDF5 did
  // not say).
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] const std::string& failure() const noexcept { return failure_; }
  [[nodiscard]] const std::string& cause() const noexcept { return cause_; }
  // Used by the helpers: records a failure (the first one is kept) and stops
  // the file reaching the disk.
  void record_failure(const std::string& what, const std::string& cause) noexcept;

 private:
  void divert() noexcept;

  hid_t id_ = -1;
  bool diverted_ = false;
  bool failed_ = false;
  std::string failure_;
  std::string cause_;
  OutputFile* enclosing_ = nullptr;
};

// Throws OutputError when status < 0, or when the OutputFile being written
// on this thread has failed already.
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
