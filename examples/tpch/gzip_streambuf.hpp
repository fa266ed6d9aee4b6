// Defines tpch::gzip_streambuf, a read-only std::streambuf over a gzip file (zlib's gzopen/gzread), so a
// .tbl.gz file can be read by anything that takes a std::istream, such as egret::csv::reader.
#pragma once

#include <zlib.h>

#include <cerrno>
#include <filesystem>
#include <ios>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include <egret/core/error.hpp>

namespace tpch {

/// Decompresses a gzip file as it is read (a file that is not gzip is read as is, as zlib does).
///
/// A read error (a corrupt or truncated file) makes underflow() throw; std::istream turns that into badbit, and
/// the reader that sees it reports where it was. error() then holds zlib's description of the failure.
class gzip_streambuf : public std::streambuf {
 public:
  static constexpr std::size_t buffer_size = std::size_t{1} << 17;

  /// Opens `file`; throws egret::load_error(file, 0, 0, "cannot open: ...") on failure.
  explicit gzip_streambuf(std::filesystem::path const& file) : name_(file.string()), buf_(buffer_size) {
    errno = 0;
    gz_ = gzopen(name_.c_str(), "rb");
    if (gz_ == nullptr) {
      int const err = errno;
      throw egret::load_error(name_, 0, 0,
                              "cannot open: " + (err != 0 ? std::generic_category().message(err)
                                                          : std::string("out of memory in zlib")));
    }
    gzbuffer(gz_, static_cast<unsigned>(buffer_size));
    setg(buf_.data(), buf_.data(), buf_.data());
  }

  gzip_streambuf(gzip_streambuf const&) = delete;
  gzip_streambuf& operator=(gzip_streambuf const&) = delete;
  ~gzip_streambuf() override { gzclose(gz_); }

  /// zlib's message for the read error that stopped the input; empty if none happened.
  std::string const& error() const noexcept { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    int const n = gzread(gz_, buf_.data(), static_cast<unsigned>(buf_.size()));
    int errnum = Z_OK;
    char const* msg = n <= 0 ? gzerror(gz_, &errnum) : nullptr;
    if (n < 0 || (n == 0 && errnum != Z_OK)) {
      // Z_ERRNO: the system call failed; anything else is zlib's diagnosis (Z_BUF_ERROR: truncated input).
      error_ = errnum == Z_ERRNO ? std::generic_category().message(errno) : std::string(msg ? msg : "zlib error");
      // zlib prefixes its message with the file name, which the caller's error already has.
      if (error_.starts_with(name_ + ": ")) error_.erase(0, name_.size() + 2);
      throw std::ios_base::failure(name_ + ": " + error_);
    }
    if (n == 0) return traits_type::eof();
    setg(buf_.data(), buf_.data(), buf_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string name_;
  std::vector<char> buf_;
  gzFile gz_ = nullptr;
  std::string error_;
};

}  // namespace tpch
