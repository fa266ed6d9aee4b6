// Defines egret::csv::options, how a CSV / TPC-H .tbl file is laid out: its own header so that the SQLite
// connection can name it in load_csv() without including the reader.
#pragma once

namespace egret::csv {

struct options {
  char delimiter = ',';
  /// TPC-H .tbl: every record ends with the delimiter; the empty field it would produce is dropped.
  bool trailing_delimiter = false;
  /// The first record names the columns: next() skips it unless read_header() consumed it first.
  bool has_header = true;
};

}  // namespace egret::csv
