// The vCard importer on arbitrary bytes: folding, quoted-printable, base64,
// CHARSET conversion, BDAY/X-ALTBDAY forms.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/text_decode.hpp"
#include "import/vcard_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = cadence::import::decode_text(bytes, cadence::import::Encoding::kAuto, "fuzz.vcf");
  if (!decoded) return 0;
  (void)cadence::import::parse_contacts_vcard(decoded->text, "fuzz.vcf");
  return 0;
}
