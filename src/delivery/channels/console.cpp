// Console: reminders printed to stdout (the transport does the printing).
#include "delivery/channels/service.hpp"

namespace cadence::delivery {
namespace {

Result<ChannelSpec> parse(const ChannelInput& in) { return base_spec(in, ChannelKind::kConsole); }

}  // namespace

const ServiceOps kConsoleService{ChannelKind::kConsole, parse, nullptr, nullptr};

}  // namespace cadence::delivery
