// `cadencectl import`: reads a CSV or vCard file and applies it to the store,
// all-or-nothing unless asked to skip invalid rows. See docs/IMPORT.md.
#pragma once

#include <string>
#include <vector>

#include "cadence/store.hpp"
#include "import/record.hpp"
#include "import/text_decode.hpp"

namespace cadence::import {

enum class OnConflict {
  kSkip,    // keep the stored contact (default)
  kUpdate,  // overwrite the fields the file gives
  kFail,    // an existing id is a problem
};

struct ImportOptions {
  bool dry_run = false;  // validate and count, write nothing
  OnConflict on_conflict = OnConflict::kSkip;
  bool skip_invalid = false;  // import the good rows despite bad ones
  Encoding encoding = Encoding::kAuto;
  // Tiers the config's rules mention; when non-empty a tier outside it is a
  // problem (a typo would silently match no rule). Empty: tiers are free-form.
  std::vector<std::string> known_tiers;
  std::string source = "import";  // recorded nowhere yet; kept for the API
};

struct ImportReport {
  std::string file;
  std::string format;    // "csv" | "vcard"
  std::string encoding;  // "utf-8" | "gb18030"
  int rows = 0;          // records in the file (valid + invalid)
  int added = 0;
  int updated = 0;
  int unchanged = 0;  // already stored with the same values
  int skipped = 0;    // existing, left alone (--on-conflict skip)
  int invalid = 0;    // rows with problems
  std::vector<std::string> accounts_added;
  std::vector<ImportProblem> problems;  // every bad row, in file order
  std::vector<std::string> warnings;
  bool committed = false;  // false: nothing was written (dry run or problems)
};

// Reads and applies `path`. The Result is an error only when the file cannot
// be read at all or the database fails (then nothing was written); problems
// with rows are in the report (committed=false unless skip_invalid).
Result<ImportReport> import_file(Store& store, const std::string& path,
                                 const ImportOptions& options);

// The same for bytes in memory; `file_name` is used in messages and to pick
// the format (".vcf"/".vcard" or a BEGIN:VCARD start = vCard, else CSV).
Result<ImportReport> import_bytes(Store& store, std::string_view bytes,
                                  const std::string& file_name, const ImportOptions& options);

// The record's contact id: its id column, else a slug of name + company.
std::string derived_contact_id(const ImportRecord& record);

}  // namespace cadence::import
