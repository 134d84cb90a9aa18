// Email over SMTP with libcurl: STARTTLS required by default
// (CURLUSESSL_ALL), smtps:// for implicit TLS, AUTH when a user is set,
// certificate verification always on (ca_file for private CAs). One easy
// handle per channel id keeps the connection open across a burst.
// Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "cadence/channel.hpp"
#include "cadence/delivery.hpp"
#include "delivery/mime.hpp"

namespace cadence::delivery {

class SmtpSender {
 public:
  SmtpSender(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // Sends a built message (build_email) to `recipients`. Delivered = 250 after
  // DATA; 4xx and connection/TLS failures retryable; 5xx and 535 permanent.
  SendResult send(const ChannelSpec& channel, const std::vector<std::string>& recipients,
                  const std::string& message);

 private:
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds total_timeout_;
  std::map<std::string, void*> handles_;  // CURL* per channel id
};

// The EmailMessage for a rendered reminder on an email channel: From from the
// channel, To = the channel's recipients, else the message's owner address;
// Message-ID = "<idempotency key>@<from domain>".
EmailMessage email_for(const ChannelSpec& channel, const Message& message);

}  // namespace cadence::delivery
