// Builds the jaffle shop into a database with the pipeline of pipeline.hpp: seeds, staging views, customers and
// orders tables, and the dbt project's twenty data tests. Written once for any egret backend's connection (SQLite
// in main.cpp; PostgreSQL and MariaDB in tests/conformance/jaffle_shop.cpp).
#pragma once

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>  // the SQLite loader; other backends' programs include theirs

#include "pipeline.hpp"

namespace jaffle {

/// Runs the pipeline (progress lines to `out`, none when null); throws std::runtime_error naming the first step
/// that failed, after the run (which skipped what is downstream of it).
template <class Db>
egret::pipeline::run_report build(Db& db, std::filesystem::path const& seeds, std::FILE* out = nullptr) {
  auto report = project::build(db, {.seeds = seeds, .out = out});
  if (!report.ok()) {
    for (auto const& s : report.steps)
      if (s.result == egret::pipeline::status::error || s.result == egret::pipeline::status::fail)
        throw std::runtime_error("jaffle shop: " + s.name + " " + std::string(to_string(s.result)) + ": " + s.message);
  }
  return report;
}

}  // namespace jaffle
