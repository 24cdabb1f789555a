#include "output/atomic_write.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>

namespace gdprctl::output {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
    throw EnvironmentError(fmt::format("cannot write `{}`: {}: {}", path.string(), what, std::strerror(error)),
                           "check that the folder exists and is writable");
}

mode_t file_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

// Closes and removes the temporary file unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(std::string name) : name_(std::move(name)) { fd_ = ::mkstemp(name_.data()); }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(name_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    int close() {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }
    void commit() { committed_ = true; }

private:
    std::string name_;
    int fd_ = -1;
    bool committed_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    TempFile temp((folder / ("." + path.filename().string() + ".tmp-XXXXXX")).string());
    if (temp.fd() < 0) fail("cannot create a temporary file", path, errno);
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        auto written = ::write(temp.fd(), data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write failed", path, errno);
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    if (::fchmod(temp.fd(), file_mode()) != 0) fail("cannot set the file mode", path, errno);
    if (::fsync(temp.fd()) != 0) fail("fsync failed", path, errno);
    if (temp.close() != 0) fail("close failed", path, errno);
    if (::rename(temp.name().c_str(), path.c_str()) != 0) fail("rename failed", path, errno);
    temp.commit();
    // The rename is durable only once the folder's entry is on disk.
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace gdprctl::output
