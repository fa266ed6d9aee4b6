// Comparisons that record into a conformance context: results in order, results as multisets.
#pragma once

#include <string>

#include "framework.hpp"
#include "result.hpp"

namespace conformance {

/// got == want, row by row in order.
inline bool expect(context& c, rows const& got, rows const& want) {
  return c.check(equal(got, want), "got " + to_string(got) + "; want " + to_string(want));
}

/// got == want as multisets (the query does not fix the order).
inline bool expect_unordered(context& c, rows const& got, rows const& want) {
  return c.check(equal(sorted(got), sorted(want)), "got " + to_string(got) + "; want (any order) " + to_string(want));
}

}  // namespace conformance
