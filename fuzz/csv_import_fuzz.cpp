// The CSV importer on arbitrary bytes: decoding (UTF-8/GB18030 detection),
// then parsing rows into contacts or located errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/csv_import.hpp"
#include "import/text_decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = cadence::import::decode_text(bytes, cadence::import::Encoding::kAuto, "fuzz.csv");
  if (!decoded) return 0;
  (void)cadence::import::parse_contacts_csv(decoded->text, "fuzz.csv");
  return 0;
}
