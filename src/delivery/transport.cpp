// The default Transport: console, SMTP or HTTP by channel kind.
#include <spdlog/spdlog.h>

#include <iostream>

#include "delivery/channels/service.hpp"
#include "delivery/http.hpp"
#include "delivery/scrub.hpp"
#include "delivery/smtp_sender.hpp"

namespace cadence {

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kDelivered:
      return "delivered";
    case Outcome::kRetryable:
      return "retryable";
    case Outcome::kPermanent:
      return "permanent";
  }
  return "unknown";
}

namespace {

using delivery::HttpClient;
using delivery::HttpRequest;
using delivery::SmtpSender;

class DefaultTransport final : public Transport {
 public:
  explicit DefaultTransport(const TransportOptions& o)
      : http_(o.connect_timeout, o.total_timeout),
        smtp_(o.connect_timeout, o.total_timeout),
        console_(o.console != nullptr ? *o.console : std::cout) {}

  SendResult send(const ChannelSpec& ch, const Message& m, Instant now) override {
    SendResult result = dispatch(ch, m, now);
    // The detail is logged, stored and printed: services echo request paths,
    // and a webhook's path is its credential.
    result.detail = delivery::scrub_secrets(std::move(result.detail), ch);
    return result;
  }

 private:
  SendResult dispatch(const ChannelSpec& ch, const Message& m, Instant now) {
    switch (ch.kind) {
      case ChannelKind::kConsole:
        return send_console(m);
      case ChannelKind::kEmail:
        return send_email(ch, m);
      default:
        return send_http(ch, m, now);
    }
  }

  SendResult send_console(const Message& m) {
    console_ << "── " << m.title << "\n" << m.text << "\n" << std::flush;
    return {Outcome::kDelivered, std::nullopt, 0, "printed"};
  }

  SendResult send_email(const ChannelSpec& ch, const Message& m) {
    delivery::EmailMessage email = delivery::email_for(ch, m);
    std::vector<std::string> rcpt;
    for (const auto& to : email.to) rcpt.push_back(to.address);
    return smtp_.send(ch, rcpt, delivery::build_email(email));
  }

  SendResult send_http(const ChannelSpec& ch, const Message& m, Instant now) {
    const auto& ops = delivery::service_for(ch.kind);
    auto request = ops.build(ch, m, now);
    if (!request) return {Outcome::kPermanent, std::nullopt, 0, request.error().message()};
    SPDLOG_DEBUG("delivery: {} {} {}", ch.id, request->method, redact_url(request->url));
    auto response = http_.perform(ch.id, *request);
    SendResult result = ops.classify(response, now);
    // Telegram: a markup error is retried once as plain text rather than dropped.
    if (ch.kind == ChannelKind::kTelegram && ch.format != "text" && response.status == 400 &&
        response.body.find("can't parse entities") != std::string::npos) {
      ChannelSpec plain = ch;
      plain.format = "text";
      auto retry = ops.build(plain, m, now);
      if (retry) result = ops.classify(http_.perform(ch.id, *retry), now);
    }
    return result;
  }

  HttpClient http_;
  SmtpSender smtp_;
  std::ostream& console_;
};

}  // namespace

std::unique_ptr<Transport> make_transport(const TransportOptions& options) {
  return std::make_unique<DefaultTransport>(options);
}

}  // namespace cadence
