// Config files the daemon tests start cadenced with. Each keeps its state in
// cadence.db next to itself (a relative `database` is taken from the config
// file's directory), so a test never touches /var/lib/cadence.
#pragma once

namespace cadence::daemon::test_configs {

// The smallest useful config: one owner, the console channel, no rules.
inline constexpr const char* kValid = R"(timezone: Asia/Shanghai
owners:
  - id: zhang
    channels: [console]
channels:
  - id: console
    type: console
rules: []
database: cadence.db
)";

// kValid plus an owner and a rule: a reload summary names both.
inline constexpr const char* kChanged = R"(timezone: Asia/Shanghai
owners:
  - id: zhang
    channels: [console]
  - id: li
    channels: [console]
channels:
  - id: console
    type: console
rules:
  - id: birthdays
    match: {}
    birthday: {}
database: cadence.db
)";

// A misspelt key on line 4, column 5.
inline constexpr const char* kBroken = R"(timezone: Asia/Shanghai
owners:
  - id: zhang
    chanels: [console]
channels:
  - id: console
    type: console
rules: []
database: cadence.db
)";
inline constexpr const char* kBrokenLocation = ":4:5: error: ";

}  // namespace cadence::daemon::test_configs
