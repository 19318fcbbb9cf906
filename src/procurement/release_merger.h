// Compiles the releases of one contracting process into a compiled release, following the OCDS 1.1
// merge routine:
//   - releases are applied in order of their `date`, so the latest value of each field wins;
//   - objects are merged field by field, and a field set to null is removed;
//   - an array whose items are all objects with an `id` is merged item by item, matching ids;
//   - any other array (of strings, or of objects without identifiers) is replaced whole.
// NOTE: the schema's `wholeListMerge` annotations (for example on additionalClassifications) are
// not consulted; such arrays are merged by id like any other identified array.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

namespace mingjing::procurement {

// Merges `releases`, which must share one `ocid`. Releases with equal dates, or without a valid
// date (applied first), keep their input order. The result has tag ["compiled"], the latest
// `date`, and an `id` made of the ocid and that date.
boost::json::object MergeReleases(const std::vector<const boost::json::object*>& releases);

}  // namespace mingjing::procurement
