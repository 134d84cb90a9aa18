// Console: reminders printed to stdout (the transport does the printing).
#include "delivery/channels/service.hpp"

namespace cadence::delivery {
// Each service's functions sit in a namespace of its own, so that the unity
// build can compile all services in one translation unit.
namespace console {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) { return base_spec(in, ChannelKind::kConsole); }

}  // namespace
}  // namespace console

const ServiceOps kConsoleService{ChannelKind::kConsole, console::parse, nullptr, nullptr};

}  // namespace cadence::delivery
