// Defines egret::pipeline::write_run_results: a run's report as JSON (run_results.json, in the spirit of dbt's
// artifact of that name), so that other tools (a scheduler, a dashboard, CI) can read what a run did (strings by
// json.hpp's json_string):
//
//   {"metadata": {"generator": "egret 0.2.0", "generated_at": "2026-12-07T06:50:00Z", "elapsed_time": 0.41},
//    "results": [{"name": "orders", "kind": "table model", "status": "ok", "rows": 99, "seconds": 0.012,
//                 "failures": null, "message": ""}, ...],
//    "summary": {"pass": 28, "warn": 0, "error": 0, "skip": 0}}
//
// `failures` is a data test's failing-row count (null for a node); `rows` what a seed loaded or a table model
// inserted.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <egret/pipeline/json.hpp>
#include <egret/pipeline/run.hpp>
#include <egret/version.hpp>

namespace egret::pipeline {

namespace detail {

inline std::string json_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", x);
  return buf;
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace detail

/// The JSON text of a run's report; `elapsed` is the run's wall-clock seconds.
inline std::string run_results_json(run_report const& report, double elapsed) {
  std::time_t const t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string out = "{\"metadata\": {\"generator\": \"egret " EGRET_VERSION_STRING "\", \"generated_at\": \"";
  out += when;
  out += "\", \"elapsed_time\": " + detail::json_number(elapsed) + "},\n \"results\": [";
  bool first = true;
  for (auto const& s : report.steps) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"name\": ";
    out += json_string(s.name);
    out += ", \"kind\": ";
    out += json_string(s.what);
    out += ", \"status\": ";
    out += json_string(detail::lower(to_string(s.result)));
    bool const test = s.what == "test";
    out += ", \"rows\": " + (test ? std::string("null") : std::to_string(s.rows));
    out += ", \"seconds\": " + detail::json_number(s.seconds);
    out += ", \"failures\": " + (test ? std::to_string(s.rows) : std::string("null"));
    out += ", \"message\": ";
    out += json_string(s.message);
    out += "}";
  }
  out += "\n ],\n \"summary\": {\"pass\": " + std::to_string(report.count(status::pass) + report.count(status::ok)) +
         ", \"warn\": " + std::to_string(report.count(status::warn)) +
         ", \"error\": " + std::to_string(report.count(status::error) + report.count(status::fail)) +
         ", \"skip\": " + std::to_string(report.count(status::skipped)) + "}}\n";
  return out;
}

/// Writes run_results_json(report, elapsed) to `path`, replacing the file whole (written beside it, then
/// renamed): a reader never sees half a file. Throws std::runtime_error naming the path when it cannot.
inline void write_run_results(std::filesystem::path const& path, run_report const& report, double elapsed) {
  std::filesystem::path const tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << run_results_json(report, elapsed);
    out.close();
    if (!out) throw std::runtime_error("egret: cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error("egret: cannot write " + path.string() + ": " + ec.message());
}

}  // namespace egret::pipeline
