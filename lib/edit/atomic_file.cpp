#include "edit/atomic_file.hpp"

#include "errors.hpp"
#include "io/safe_file.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <mutex>
#include <set>
#include <utility>
#include <vector>

namespace gdprctl::edit {
namespace fs = std::filesystem;

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

// Closes a descriptor on scope exit; removes the temporary file unless released.
class TempFile {
public:
    TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!path_.empty()) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    void close_fd() {
        if (fd_ >= 0 && ::close(fd_) != 0)
            throw EnvironmentError(fmt::format("cannot close `{}`: {}", path_, errno_text()));
        fd_ = -1;
    }
    void release() { path_.clear(); }

private:
    std::string path_;
    int fd_;
};

void write_all(int fd, std::string_view text, const std::string& path) {
    while (!text.empty()) {
        auto n = ::write(fd, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw EnvironmentError(fmt::format("cannot write `{}`: {}", path, errno_text()),
                                   "check free disk space and the folder's permissions");
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

void sync_folder(const fs::path& folder) {
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // the rename is done; a folder we cannot open cannot be synced either
    ::fsync(fd);
    ::close(fd);
}

// Folders this process holds an flock on (device, inode). flock locks belong to an open file
// description, so a second lock of the same folder from this process would wait for itself: a
// folder already locked (by a WorkspaceLock) is not locked again.
std::mutex held_mutex;
std::set<std::pair<dev_t, ino_t>> held_folders;

// Holds an exclusive advisory lock on a folder; re-entrant within the process (see above).
class HeldFolder {
public:
    explicit HeldFolder(const fs::path& folder)
        : fd_(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (fd_ < 0) return;
        struct stat info {};
        if (::fstat(fd_, &info) == 0) {
            key_ = {info.st_dev, info.st_ino};
            std::lock_guard guard(held_mutex);
            if (held_folders.count(key_)) {  // already ours: nothing to wait for
                ::close(fd_);
                fd_ = -1;
                return;
            }
        }
        while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
        }
        std::lock_guard guard(held_mutex);
        held_folders.insert(key_);
        owner_ = true;
    }
    ~HeldFolder() {
        if (owner_) {
            std::lock_guard guard(held_mutex);
            held_folders.erase(key_);
        }
        if (fd_ >= 0) ::close(fd_);  // closing releases the lock
    }
    HeldFolder(const HeldFolder&) = delete;
    HeldFolder& operator=(const HeldFolder&) = delete;

private:
    int fd_;
    std::pair<dev_t, ino_t> key_{};
    bool owner_ = false;
};

// Held while the conflict check and the rename run, so that two gdprctl processes cannot both
// pass the check and then overwrite each other.
using FolderLock = HeldFolder;

// Temporary files of a write killed before its rename (kill -9, power loss) would stay forever:
// each write removes the stale ones of its own target, old enough that no live writer owns them.
void remove_stale_temporaries(const fs::path& target) {
    const std::string prefix = "." + target.filename().string() + ".tmp-";
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator it(target.parent_path().empty() ? fs::path(".") : target.parent_path(), ec), end;
         !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) continue;
        std::error_code entry_ec;
        if (!it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) continue;
        auto modified = it->last_write_time(entry_ec);
        if (entry_ec || now - modified < stale_temporary_age) continue;
        fs::remove(it->path(), entry_ec);
    }
}

void ensure_unchanged(const Snapshot& original) {
    Snapshot now = read_snapshot(original.path, original.target.parent_path());
    if (now.exists == original.exists && now.text == original.text) return;
    if (!original.exists)
        throw Refusal(
            fmt::format("`{}` was created by someone else while this change was being made; nothing was written",
                        original.path.string()),
            "look at the new file and run the command again");
    throw Refusal(fmt::format("`{}` changed since it was read (another edit happened at the same time); nothing was "
                              "written, the other edit is kept",
                              original.path.string()),
                  "run the command again on the current file");
}

}  // namespace

struct WorkspaceLock::Impl {
    explicit Impl(const fs::path& root) : folder(root) {}
    HeldFolder folder;
};

WorkspaceLock::WorkspaceLock(const fs::path& root) : impl_(std::make_unique<Impl>(root)) {}
WorkspaceLock::~WorkspaceLock() = default;

Snapshot read_snapshot(const fs::path& path, const fs::path& confine) {
    Snapshot snapshot;
    snapshot.path = path;
    std::error_code ec;
    fs::path folder = confine.empty() ? fs::absolute(path, ec).parent_path() : confine;
    fs::path real_folder = fs::weakly_canonical(folder, ec);
    if (ec) real_folder = fs::absolute(folder).lexically_normal();
    // Absolute first: weakly_canonical keeps a relative path relative when none of it exists yet.
    snapshot.target = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) {
        if (ec == std::errc::too_many_symbolic_link_levels)
            throw EnvironmentError(fmt::format("`{}` is a symbolic link loop", path.string()),
                                   "point the link at a real file, or remove it");
        snapshot.target = fs::absolute(path).lexically_normal();
    }
    if (!io::is_inside(snapshot.target, real_folder))
        throw EnvironmentError(
            fmt::format("`{}` leads to `{}`, outside `{}`; gdprctl never reads or writes through a link out of it",
                        path.string(), snapshot.target.string(), folder.string()),
            "replace the link with a regular file");
    int fd = ::open(snapshot.target.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return snapshot;
        throw EnvironmentError(fmt::format("cannot read `{}`: {}", path.string(), errno_text()),
                               "check the file's permissions");
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        auto type = io::describe_file_type(info.st_mode);
        ::close(fd);
        throw EnvironmentError(fmt::format("`{}` is {}; gdprctl only replaces regular files", path.string(), type),
                               "name a regular file or a new one (`-o -` writes to standard output)");
    }
    snapshot.exists = true;
    char buffer[65536];
    while (true) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            throw EnvironmentError(fmt::format("cannot read `{}`: {}", path.string(), errno_text()));
        }
        if (n == 0) break;
        snapshot.text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return snapshot;
}

void write_atomically(const Snapshot& original, std::string_view text, const BeforeCommitHook& hook) {
    // A symlinked register file stays a symlink: the file it points at (inside the workspace,
    // checked by read_snapshot) is the one replaced.
    fs::path target = original.target.empty() ? original.path : original.target;
    fs::path folder = target.parent_path();
    std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0)
        throw EnvironmentError(
            fmt::format("cannot create a temporary file next to `{}`: {}", target.string(), errno_text()),
            "check that the folder exists and is writable");
    TempFile temp(name.data(), fd);

    mode_t mode = 0;
    struct stat info {};
    if (original.exists && ::stat(target.c_str(), &info) == 0) {
        mode = info.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    if (::fchmod(temp.fd(), mode) != 0)
        throw EnvironmentError(fmt::format("cannot set the mode of `{}`: {}", temp.path(), errno_text()));
    write_all(temp.fd(), text, temp.path());
    if (::fsync(temp.fd()) != 0)
        throw EnvironmentError(fmt::format("cannot flush `{}` to disk: {}", temp.path(), errno_text()));
    temp.close_fd();

    if (hook) hook(fs::path(temp.path()));
    FolderLock lock(folder);
    ensure_unchanged(original);
    remove_stale_temporaries(target);
    if (::rename(temp.path().c_str(), target.c_str()) != 0)
        throw EnvironmentError(fmt::format("cannot replace `{}`: {}", target.string(), errno_text()));
    temp.release();
    sync_folder(folder);
}

void remove_checked(const Snapshot& original) {
    FolderLock lock(original.path.parent_path());
    ensure_unchanged(original);
    if (!original.exists) return;
    if (::unlink(original.path.c_str()) != 0)
        throw EnvironmentError(fmt::format("cannot remove `{}`: {}", original.path.string(), errno_text()));
    sync_folder(original.path.parent_path());
}

void make_directory(const fs::path& path, unsigned mode) {
    std::error_code ec;
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
    if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST)
        throw EnvironmentError(fmt::format("cannot create folder `{}`: {}", path.string(), errno_text()),
                               "check the parent folder's permissions");
    ::chmod(path.c_str(), static_cast<mode_t>(mode));  // mkdir applies the umask; the mode is meant exactly
}

}  // namespace gdprctl::edit
