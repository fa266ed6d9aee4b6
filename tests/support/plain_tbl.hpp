// Defines egret_test::plain_tbl: a dbgen .tbl file as plain text for the tests that load one by path. The
// repository ships only the gzip-compressed files (examples/tpch/data/sf0.01/*.tbl.gz), so a test run in a fresh
// clone decompresses the one it needs into its scratch directory (never reading anything outside the clone).
#pragma once

#include <filesystem>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>

#include "../../examples/tpch/gzip_streambuf.hpp"

namespace egret_test {

/// `<dir>/<table>.tbl` when it exists, else `<dir>/<table>.tbl.gz` decompressed to `<scratch>/<table>.tbl`.
inline std::filesystem::path plain_tbl(std::filesystem::path const& dir, std::string_view table,
                                       std::filesystem::path const& scratch) {
  std::filesystem::path const plain = dir / (std::string(table) + ".tbl");
  if (std::filesystem::is_regular_file(plain)) return plain;
  std::filesystem::path gz = plain;
  gz += ".gz";
  std::filesystem::create_directories(scratch);
  std::filesystem::path const out = scratch / plain.filename();
  tpch::gzip_streambuf buf(gz);
  std::istream in(&buf);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << in.rdbuf();
  file.close();
  if (!in.good() && !in.eof()) throw egret::load_error(gz.string(), 0, 0, "cannot decompress: " + buf.error());
  if (!file) throw egret::error("cannot write " + out.string());
  return out;
}

}  // namespace egret_test
