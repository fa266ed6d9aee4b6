// Defines egret::csv::reader, a streaming RFC 4180 CSV / TPC-H .tbl reader, and expect_header.
// Files are read with <cstdio>, and streams through a constructor template, so that neither <filesystem> nor
// <fstream> / <istream> is needed here.
#pragma once

#include <cerrno>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/csv/options.hpp>

namespace egret::csv {

/// One field of a record. `text` is unquoted (`""` already turned into `"`) and stays valid until the next call to
/// reader::next(). line and column are 1-based and say where the field starts (its opening quote if quoted); column
/// counts bytes from the start of that line.
struct field {
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
};

/// A 1-based line and column in the input.
struct position {
  std::size_t line = 0;
  std::size_t column = 0;
};

/// Reads records one at a time through a fixed-size buffer, so input size is not limited by memory.
///
/// Records end at LF or CRLF; a lone CR in an unquoted field is data. Quoted fields may hold delimiters, `""` and
/// line breaks, kept byte for byte (a CRLF inside quotes stays CRLF). The last record may lack its line break; an
/// empty last line is not a record. A UTF-8 byte order mark at the very start is skipped. Every input error is an
/// egret::load_error naming the file, line and column; the reader is not meant to be used after one.
class reader {
 public:
  static constexpr std::size_t default_buffer_size = std::size_t{1} << 16;

  /// Opens `file` for reading; throws load_error(file, 0, 0, "cannot open: ...") on failure. A
  /// std::filesystem::path converts (on POSIX). buffer_size is only for tests that need records to straddle
  /// buffer refills.
  explicit reader(std::string const& file, options opts = {}, std::size_t buffer_size = default_buffer_size)
      : read_(&read_file), file_(file), opts_(opts) {
    errno = 0;
    owned_.f = std::fopen(file_.c_str(), "rb");
    if (owned_.f == nullptr) throw_cannot_open(errno);
    source_ = owned_.f;
    init_buffer(buffer_size);
    // Linux opens a directory for reading and fails only at the first read: read now, so that it is reported
    // as the open failure it is.
    int err = 0;
    fill(err);
    if (err != 0) throw_cannot_open(err);
  }

  /// Reads from `in` (a std::istream or a class derived from it: an ifstream, an istringstream, a stream over
  /// a decompressing streambuf), which must outlive the reader; `display_name` is the file name used in errors.
  template <class Stream>
    requires std::derived_from<Stream, std::istream>
  reader(Stream& in, std::string display_name, options opts = {}, std::size_t buffer_size = default_buffer_size)
      : source_(&in), read_(&read_stream<Stream>), file_(std::move(display_name)), opts_(opts) {
    init_buffer(buffer_size);
  }

  /// Reads the next data record into `out` (cleared first); false at end of input. Skips the header record when
  /// options::has_header is set and read_header() was not called.
  bool next(std::vector<field>& out) {
    if (opts_.has_header && !header_done_) {
      header_done_ = true;
      if (!read_record(out)) return false;
    }
    header_done_ = true;
    return read_record(out);
  }

  /// Reads the first record (the header) into `out`; false if the input is empty. Only valid before any record was
  /// read.
  bool read_header(std::vector<field>& out) {
    if (header_done_) throw std::logic_error("egret::csv::reader::read_header called after records were read");
    header_done_ = true;
    return read_record(out);
  }

  /// Line where the last record returned by next() / read_header() started.
  std::size_t record_line() const noexcept { return record_line_; }
  /// Where the line break (or end of input) that ended the last record is: one past its last field.
  position record_end() const noexcept { return record_end_; }
  std::string const& file_name() const noexcept { return file_; }
  options const& opts() const noexcept { return opts_; }

 private:
  struct span_info {
    std::size_t offset, size, line, column;
    bool quoted;
  };
  enum class ending { delimiter, newline, end_of_input };

  // Owns the FILE the path constructor opened; moves with the reader.
  struct owned_file {
    std::FILE* f = nullptr;
    owned_file() = default;
    owned_file(owned_file&& o) noexcept : f(std::exchange(o.f, nullptr)) {}
    owned_file& operator=(owned_file&& o) noexcept {
      if (this != &o) {
        close();
        f = std::exchange(o.f, nullptr);
      }
      return *this;
    }
    ~owned_file() { close(); }
    void close() noexcept {
      if (f != nullptr) std::fclose(std::exchange(f, nullptr));
    }
  };

  // Reads up to n bytes into buf; returns how many (0 at end of input). On a read error sets err (an errno
  // value, or -1 when the source does not say).
  using read_fn = std::size_t (*)(void* source, char* buf, std::size_t n, int& err);

  static std::size_t read_file(void* source, char* buf, std::size_t n, int& err) {
    auto* const f = static_cast<std::FILE*>(source);
    errno = 0;
    std::size_t const got = std::fread(buf, 1, n, f);
    if (got < n && std::ferror(f)) err = errno != 0 ? errno : -1;
    return got;
  }

  // A template so that the stream is a complete type only where a stream is passed (the caller has included
  // <istream>), not here.
  template <class Stream>
  static std::size_t read_stream(void* source, char* buf, std::size_t n, int& err) {
    Stream& in = *static_cast<Stream*>(source);
    in.read(buf, static_cast<std::streamsize>(n));
    if (in.bad()) err = -1;
    return static_cast<std::size_t>(in.gcount());
  }

  [[noreturn]] void throw_cannot_open(int err) const {
    throw load_error(file_, 0, 0,
                     "cannot open: " + (err > 0 ? std::generic_category().message(err) : std::string("unknown error")));
  }

  void init_buffer(std::size_t buffer_size) {
    chunk_ = buffer_size > 0 ? buffer_size : 1;
    // The first read needs 3 bytes to recognise a byte order mark, whatever the chunk size.
    buf_.resize(chunk_ > 3 ? chunk_ : 3);
  }

  // Reads the next chunk into buf_ (which then starts at input offset base_); sets eof_ at end of input and
  // err on a read error. The first read skips a byte order mark.
  void fill(int& err) {
    std::size_t const want = first_read_ ? buf_.size() : chunk_;
    base_ += end_;
    pos_ = end_ = 0;
    end_ = read_(source_, buf_.data(), want, err);
    if (err != 0) return;
    if (end_ == 0) {
      eof_ = true;
      return;
    }
    if (first_read_) {
      first_read_ = false;
      if (end_ >= 3 && buf_[0] == '\xEF' && buf_[1] == '\xBB' && buf_[2] == '\xBF') {
        pos_ = 3;
        line_start_ = 3;  // columns count from after the byte order mark
      }
    }
  }

  // True when a byte is available at pos_, refilling the buffer if needed; false at end of input.
  bool available() {
    while (pos_ == end_) {
      if (eof_) return false;
      int err = 0;
      fill(err);
      if (err != 0) throw load_error(file_, line_, column_here(), "read error");
    }
    return true;
  }

  std::size_t column_here() const noexcept { return base_ + pos_ - line_start_ + 1; }

  // Called just after consuming the LF at buffer index pos_ - 1.
  void new_line() noexcept {
    ++line_;
    line_start_ = base_ + pos_;
  }

  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string reason) const {
    throw load_error(file_, line, column, std::move(reason));
  }

  // Returns true on a CRLF (both consumed); false on a lone CR (consumed, caller decides), with its position kept.
  bool consume_cr(position& cr) {
    cr = {line_, column_here()};
    ++pos_;
    if (available() && buf_[pos_] == '\n') {
      ++pos_;
      new_line();
      return true;
    }
    return false;
  }

  ending read_unquoted() {
    char const delim = opts_.delimiter;
    while (available()) {
      std::size_t const start = pos_;
      std::size_t i = pos_;
      while (i < end_) {
        char const c = buf_[i];
        if (c == delim || c == '\n' || c == '\r' || c == '"') break;
        ++i;
      }
      storage_.append(buf_.data() + start, i - start);
      pos_ = i;
      if (i == end_) continue;  // refill
      char const c = buf_[i];
      if (c == delim) {
        ++pos_;
        return ending::delimiter;
      }
      if (c == '\n') {
        record_end_ = {line_, column_here()};
        ++pos_;
        new_line();
        return ending::newline;
      }
      if (c == '"') fail(line_, column_here(), "quote inside an unquoted field; quote the whole field");
      position cr;
      if (consume_cr(cr)) {
        record_end_ = cr;
        return ending::newline;
      }
      storage_.push_back('\r');  // a lone CR is data
    }
    record_end_ = {line_, column_here()};
    return ending::end_of_input;
  }

  ending read_quoted(position start) {
    ++pos_;  // opening quote
    for (;;) {
      if (!available()) fail(start.line, start.column, "unterminated quoted field");
      std::size_t const from = pos_;
      std::size_t i = pos_;
      while (i < end_ && buf_[i] != '"' && buf_[i] != '\n') ++i;
      storage_.append(buf_.data() + from, i - from);
      pos_ = i;
      if (i == end_) continue;
      if (buf_[i] == '\n') {
        storage_.push_back('\n');
        ++pos_;
        new_line();
        continue;
      }
      ++pos_;  // a quote: either the first of `""` or the closing one
      if (available() && buf_[pos_] == '"') {
        storage_.push_back('"');
        ++pos_;
        continue;
      }
      break;
    }
    // After the closing quote only a delimiter or the end of the record may follow.
    if (!available()) {
      record_end_ = {line_, column_here()};
      return ending::end_of_input;
    }
    char const c = buf_[pos_];
    if (c == opts_.delimiter) {
      ++pos_;
      return ending::delimiter;
    }
    if (c == '\n') {
      record_end_ = {line_, column_here()};
      ++pos_;
      new_line();
      return ending::newline;
    }
    position cr{line_, column_here()};
    if (c == '\r' && consume_cr(cr)) {
      record_end_ = cr;
      return ending::newline;
    }
    fail(cr.line, cr.column, "unexpected character after closing quote");
  }

  bool read_record(std::vector<field>& out) {
    out.clear();
    storage_.clear();
    spans_.clear();
    if (!available()) return false;
    record_line_ = line_;
    ending e;
    do {
      span_info s{storage_.size(), 0, line_, column_here(), false};
      if (available() && buf_[pos_] == '"') {
        s.quoted = true;
        e = read_quoted({s.line, s.column});
      } else {
        e = read_unquoted();
      }
      s.size = storage_.size() - s.offset;
      spans_.push_back(s);
    } while (e == ending::delimiter);

    bool const empty_line = spans_.size() == 1 && spans_[0].size == 0 && !spans_[0].quoted;
    if (empty_line && e == ending::newline && !available()) return false;  // an empty last line is not a record

    if (opts_.trailing_delimiter) {
      span_info const& last = spans_.back();
      if (spans_.size() < 2 || last.size != 0 || last.quoted) {
        fail(record_end_.line, record_end_.column,
             std::string("record does not end with the delimiter '") + opts_.delimiter + "'");
      }
      spans_.pop_back();
    }

    // Views are made only now: storage_ may have reallocated while the record grew.
    out.reserve(spans_.size());
    for (span_info const& s : spans_) {
      out.push_back(field{std::string_view(storage_).substr(s.offset, s.size), s.line, s.column, s.quoted});
    }
    return true;
  }

  owned_file owned_;        // set only when the reader opened the file itself
  void* source_ = nullptr;  // owned_.f or the caller's stream
  read_fn read_;            // reads from source_
  std::string file_;
  options opts_;

  std::vector<char> buf_;
  std::size_t chunk_ = 0;   // bytes per read
  std::size_t pos_ = 0;     // next unread byte in buf_
  std::size_t end_ = 0;     // bytes valid in buf_
  std::size_t base_ = 0;    // input offset of buf_[0]
  bool eof_ = false;
  bool first_read_ = true;

  std::size_t line_ = 1;        // line of buf_[pos_]
  std::size_t line_start_ = 0;  // input offset where that line starts

  bool header_done_ = false;
  std::size_t record_line_ = 0;
  position record_end_;
  std::string storage_;  // unquoted text of the current record's fields, back to back
  std::vector<span_info> spans_;
};

/// Reads the header record and checks it names exactly `names`, in order. Throws load_error at the column of the
/// first difference: `header has column "x" where "y" was expected` or `header has N columns, expected M`.
inline void expect_header(reader& r, std::span<std::string_view const> names) {
  std::vector<field> header;
  if (!r.read_header(header)) {
    throw load_error(r.file_name(), 1, 1, "empty file, expected a header with " + std::to_string(names.size()) +
                                              " columns");
  }
  std::size_t const common = header.size() < names.size() ? header.size() : names.size();
  for (std::size_t i = 0; i < common; ++i) {
    if (header[i].text != names[i]) {
      throw load_error(r.file_name(), header[i].line, header[i].column,
                       "header has column \"" + std::string(header[i].text) + "\" where \"" + std::string(names[i]) +
                           "\" was expected");
    }
  }
  if (header.size() != names.size()) {
    // Too many: point at the first extra column. Too few: point where the next one should have started.
    position const at = header.size() > names.size() ? position{header[common].line, header[common].column}
                                                     : r.record_end();
    throw load_error(r.file_name(), at.line, at.column,
                     "header has " + std::to_string(header.size()) + " columns, expected " +
                         std::to_string(names.size()));
  }
}

inline void expect_header(reader& r, std::initializer_list<std::string_view> names) {
  expect_header(r, std::span<std::string_view const>(names.begin(), names.size()));
}

}  // namespace egret::csv
