#include "results/hdf5_io.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "models/input_error.hpp"

namespace hcsim::results {
namespace {

// The file being written on this thread (innermost first), whose failures the
// helpers record.
thread_local OutputFile* current_output = nullptr;

// HDF5 closes what is still open at exit. Everything here is closed when it
// is done with, and an identifier whose close failed (OutputFile::close, when
// even the diverted close fails) would crash that clean-up; so it is left to
// the system. Must precede every other HDF5 call, hence at static
// initialisation.
[[maybe_unused]] const bool hdf5_cleanup_left_to_the_system = [] {
  H5dont_atexit();
  return true;
}();

// Why the HDF5 call just made failed, from the library's error stack: the
// system's message when a system call failed ("No space left on device"),
// else the innermost description. Must be called before any other HDF5 call.
std::string hdf5_error_cause() {
  struct Found {
    int error_number = 0;
    std::string innermost;
  } found;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
        auto& so_far = *static_cast<Found*>(data);
        if (error == nullptr || error->desc == nullptr) return 0;
        if (so_far.innermost.empty()) so_far.innermost = error->desc;
        if (so_far.error_number == 0) {
          if (const char* at = std::strstr(error->desc, "errno = ")) {
            so_far.error_number = std::atoi(at + std::strlen("errno = "));
          }
        }
        return 0;
      },
      &found);
  if (found.error_number > 0) return std::generic_category().message(found.error_number);
  return found.innermost;
}

// Records a failure of the file being written, if any, and returns the
// message for the exception: what failed and why.
std::string note_failure(const std::string& what) {
  const std::string cause = hdf5_error_cause();
  if (current_output != nullptr) current_output->record_failure(what, cause);
  return cause.empty() ? what : what + ": " + cause;
}

[[noreturn]] void throw_earlier_failure() {
  const OutputFile& file = *current_output;
  const std::string what = file.failure().empty() ? "HDF5 failed to write" : file.failure();
  throw OutputError(file.cause().empty() ? what : what + ": " + file.cause());
}

bool output_failed() { return current_output != nullptr && current_output->failed(); }

[[noreturn]] void bad_file(const std::string& path, const std::string& message) {
  throw models::InputError(models::Diagnostic{path, 0, 0, "", message});
}

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "a string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "a string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "a string type");
  return type;
}

template <class T>
void write_attribute(hid_t object, const char* name, T value, hid_t type) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attribute(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, name);
  check(H5Awrite(attribute.get(), type, &value), name);
}

template <class T>
Handle write_numbers(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const std::vector<T>& values, hid_t memory_type, hid_t file_type) {
  Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
               name);
  Handle dataset(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT),
                 H5Dclose, name);
  if (!values.empty()) {
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          name);
  }
  return dataset;
}

template <class T>
T read_attribute(hid_t object, const char* name, hid_t type, const std::string& path) {
  if (H5Aexists(object, name) <= 0) bad_file(path, std::string("has no '") + name + "' attribute");
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, name);
  T value{};
  if (H5Aread(attribute.get(), type, &value) < 0) {
    bad_file(path, std::string("cannot read the '") + name + "' attribute");
  }
  return value;
}

template <class T>
std::vector<T> read_numbers(hid_t file, const std::string& name, hid_t type,
                            std::vector<hsize_t>& shape, const std::string& path) {
  if (!has_link(file, name.c_str())) bad_file(path, "has no " + name);
  Handle dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, name);
  Handle space(H5Dget_space(dataset.get()), H5Sclose, name);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  shape.assign(static_cast<std::size_t>(rank > 0 ? rank : 0), 0);
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), shape.data(), nullptr);
  const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<T> values(count);
  if (count > 0 &&
      H5Dread(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    bad_file(path, "cannot read " + name);
  }
  return values;
}

}  // namespace

Handle::Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what)
    : id_(id), close_(close), what_(what) {
  if (id_ < 0) throw OutputError(note_failure("HDF5 could not create or open " + what));
  // A write failed earlier (reported by a close that could not throw): stop
  // before writing anything more.
  if (output_failed()) {
    close_(id_);
    id_ = -1;
    throw_earlier_failure();
  }
}

Handle::~Handle() {
  if (id_ >= 0 && close_(id_) < 0) note_failure("HDF5 failed to write " + what_);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError(note_failure("HDF5 failed to write " + what));
  if (output_failed()) throw_earlier_failure();
}

OutputFile::OutputFile(const std::string& path) : enclosing_(current_output) {
  quiet_hdf5_errors();
  // The POSIX driver, whatever the library's default: divert() needs its
  // file descriptor.
  const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
  if (access >= 0 && H5Pset_fapl_sec2(access) >= 0) {
    id_ = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access);
  }
  const std::string cause = id_ < 0 ? hdf5_error_cause() : std::string();
  if (access >= 0) H5Pclose(access);
  if (id_ < 0) {
    throw OutputError("HDF5 could not create " + path + (cause.empty() ? "" : ": " + cause));
  }
  current_output = this;
}

OutputFile::~OutputFile() {
  if (id_ >= 0) {
    // Abandoned (an exception): nothing more need reach the disk.
    divert();
    H5Fclose(id_);
  }
  if (current_output == this) current_output = enclosing_;
}

void OutputFile::close() {
  if (id_ < 0) return;
  if (!failed_ && H5Fflush(id_, H5F_SCOPE_GLOBAL) < 0) {
    note_failure("HDF5 failed to write the file");
  }
  // After a failure the descriptor is diverted and the close cannot fail on
  // the disk. Should it fail all the same the library keeps the identifier,
  // which must then not be touched again.
  const herr_t closed = H5Fclose(id_);
  id_ = -1;
  if (closed < 0) note_failure("HDF5 failed to close the file");
  current_output = enclosing_;
  if (failed_) {
    const std::string what = failure_.empty() ? "HDF5 failed to write the file" : failure_;
    throw OutputError(cause_.empty() ? what : what + ": " + cause_);
  }
}

void OutputFile::record_failure(const std::string& what, const std::string& cause) noexcept {
  if (!failed_) {
    failed_ = true;
    try {
      failure_ = what;
      cause_ = cause;
    } catch (...) {  // out of memory: the failure is known, its text is not
    }
  }
  divert();
}

void OutputFile::divert() noexcept {
  if (diverted_ || id_ < 0) return;
  diverted_ = true;
  void* handle = nullptr;
  if (H5Fget_vfd_handle(id_, H5P_DEFAULT, &handle) < 0 || handle == nullptr) return;
  const int descriptor = *static_cast<int*>(handle);
  int sink = -1;
#ifdef __linux__
  sink = ::memfd_create("hcsim-abandoned-output", MFD_CLOEXEC);
#endif
  if (sink < 0) {
    if (std::FILE* scratch = std::tmpfile()) {
      sink = ::dup(::fileno(scratch));
      std::fclose(scratch);
    }
  }
  if (sink < 0) return;
  // Replaces (and closes) the file's descriptor; the library never knows.
  ::dup2(sink, descriptor);
  ::close(sink);
}

void quiet_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Handle create_group(hid_t parent, const char* name) {
  return {H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, name};
}

void write_text_attribute(hid_t object, const char* name, const std::string& value) {
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle attribute(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose, name);
  const char* data = value.c_str();
  check(H5Awrite(attribute.get(), type.get(), &data), name);
}

void write_int64_attribute(hid_t object, const char* name, std::int64_t value) {
  write_attribute(object, name, value, H5T_NATIVE_INT64);
}
void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value) {
  write_attribute(object, name, value, H5T_NATIVE_UINT64);
}
void write_double_attribute(hid_t object, const char* name, double value) {
  write_attribute(object, name, value, H5T_NATIVE_DOUBLE);
}

void write_text(hid_t parent, const char* name, const std::string& value) {
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, name);
  Handle dataset(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose, name);
  const char* data = value.c_str();
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data), name);
}

void write_texts(hid_t parent, const char* name, const std::vector<std::string>& values) {
  Handle type = string_type();
  const hsize_t size = values.size();
  Handle space(H5Screate_simple(1, &size, nullptr), H5Sclose, name);
  Handle dataset(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 H5Dclose, name);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty()) {
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          name);
  }
}

Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const std::vector<double>& values) {
  return write_numbers(parent, name, shape, values, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
}
Handle write_int64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                    const std::vector<std::int64_t>& values) {
  return write_numbers(parent, name, shape, values, H5T_NATIVE_INT64, H5T_STD_I64LE);
}
Handle write_uint64s(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const std::vector<std::uint64_t>& values) {
  return write_numbers(parent, name, shape, values, H5T_NATIVE_UINT64, H5T_STD_U64LE);
}

bool has_link(hid_t file, const char* link) {
  // H5Lexists needs each parent to exist; check the path step by step.
  std::string partial;
  const std::string full(link);
  std::size_t start = full[0] == '/' ? 1 : 0;
  while (start <= full.size()) {
    const std::size_t slash = full.find('/', start);
    partial = full.substr(0, slash);
    if (!partial.empty() && partial != "/" && H5Lexists(file, partial.c_str(), H5P_DEFAULT) <= 0) {
      return false;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

std::string read_text_attribute(hid_t object, const char* name, const std::string& path) {
  if (H5Aexists(object, name) <= 0) bad_file(path, std::string("has no '") + name + "' attribute");
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, name);
  Handle type = string_type();
  char* value = nullptr;
  if (H5Aread(attribute.get(), type.get(), &value) < 0 || value == nullptr) {
    bad_file(path, std::string("cannot read the '") + name + "' attribute as text");
  }
  std::string text(value);
  H5free_memory(value);
  return text;
}

std::int64_t read_int64_attribute(hid_t object, const char* name, const std::string& path) {
  return read_attribute<std::int64_t>(object, name, H5T_NATIVE_INT64, path);
}

std::uint64_t read_uint64_attribute(hid_t object, const char* name, const std::string& path) {
  return read_attribute<std::uint64_t>(object, name, H5T_NATIVE_UINT64, path);
}

double read_double_attribute(hid_t object, const char* name, const std::string& path) {
  return read_attribute<double>(object, name, H5T_NATIVE_DOUBLE, path);
}

std::vector<std::string> read_texts(hid_t file, const char* dataset_path,
                                    const std::string& path) {
  if (!has_link(file, dataset_path)) bad_file(path, std::string("has no ") + dataset_path);
  Handle dataset(H5Dopen2(file, dataset_path, H5P_DEFAULT), H5Dclose, dataset_path);
  Handle space(H5Dget_space(dataset.get()), H5Sclose, dataset_path);
  const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  Handle type = string_type();
  std::vector<char*> values(count, nullptr);
  if (count > 0 &&
      H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    bad_file(path, std::string("cannot read ") + dataset_path);
  }
  std::vector<std::string> texts;
  for (char* value : values) {
    texts.emplace_back(value ? value : "");
    H5free_memory(value);
  }
  return texts;
}

std::string read_text(hid_t file, const char* dataset, const std::string& path) {
  const auto texts = read_texts(file, dataset, path);
  if (texts.size() != 1) bad_file(path, std::string(dataset) + " is not a single text");
  return texts.front();
}

std::vector<double> read_doubles(hid_t file, const std::string& dataset,
                                 std::vector<hsize_t>& shape, const std::string& path) {
  return read_numbers<double>(file, dataset, H5T_NATIVE_DOUBLE, shape, path);
}

std::vector<std::int64_t> read_int64s(hid_t file, const char* dataset, const std::string& path) {
  std::vector<hsize_t> shape;
  return read_numbers<std::int64_t>(file, dataset, H5T_NATIVE_INT64, shape, path);
}

std::vector<std::uint64_t> read_uint64s(hid_t file, const char* dataset,
                                        const std::string& path) {
  std::vector<hsize_t> shape;
  return read_numbers<std::uint64_t>(file, dataset, H5T_NATIVE_UINT64, shape, path);
}

Handle open_for_reading(const std::string& path) {
  quiet_hdf5_errors();
  if (!std::filesystem::exists(path)) bad_file(path, "no such results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) bad_file(path, "is not an HDF5 file");
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) bad_file(path, "cannot be opened as HDF5");
  return {file, H5Fclose, path};
}

}  // namespace hcsim::results
