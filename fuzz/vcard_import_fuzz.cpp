// The vCard importer on arbitrary bytes: folding, quoted-printable, base64,
// CHARSET conversion, BDAY/X-ALTBDAY forms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/text_decode.hpp"
#include "import/vcard_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // As the importer does: the bytes as they are, each value decoded by its
  // CHARSET= or else UTF-8 where valid and GB18030 elsewhere.
  auto raw = cadence::import::vcard_bytes(bytes, cadence::import::Encoding::kAuto, "fuzz.vcf");
  if (!raw) return 0;
  (void)cadence::import::parse_contacts_vcard(raw->body, "fuzz.vcf", raw->charset);
  return 0;
}
