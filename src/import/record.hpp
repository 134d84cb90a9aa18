// What a parser (CSV, vCard) hands to the importer: contacts with where they
// came from and which fields the file actually gave, plus every problem found.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "cadence/model.hpp"

namespace cadence::import {

// "file:line: field: problem" (field may be empty: "file:line: problem").
struct ImportProblem {
  std::string file;
  int line = 0;  // CSV: the line where the row starts (header = 1); vCard: the property's line
  std::string field;
  std::string message;

  std::string to_string() const;
};

struct ImportRecord {
  int line = 0;                 // where the row / card starts
  Contact contact;              // id empty = derive from name + company
  std::string company;          // account display name ("" = none)
  std::string account_id;       // explicit account id column ("" = derive from company)
  std::set<std::string> given;  // contact fields present in the file (see importer.cpp)
};

struct ParsedFile {
  std::vector<ImportRecord> records;    // the valid ones
  std::vector<ImportProblem> problems;  // every invalid row, in file order
  std::vector<std::string> warnings;    // ignored columns and the like
  std::string encoding;                 // how the text was decoded, when the parser did it
};

}  // namespace cadence::import
