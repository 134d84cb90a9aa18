// A bounded pool of sender threads for the Outbox: sends run off the caller's
// (the daemon's event loop) thread, at most `per_channel` at a time per
// channel, so one slow service occupies at most that many threads and never
// holds up the others.
//
// Each thread owns its own Transport (libcurl handles are not shared across
// threads). Results are collected by the owner thread with take_results();
// `notify` is called (from a sender thread) when a result arrives and none was
// waiting, i.e. once per batch the owner has to collect.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cadence/delivery.hpp"

namespace cadence::delivery {

struct SendJob {
  RowId row_id = 0;
  ChannelSpec channel;  // a copy: the pool never touches the Outbox's state
  Message message;
  Instant now{};
};

struct SendDone {
  RowId row_id = 0;
  SendResult result;
};

class SendPool {
 public:
  SendPool(int threads, int per_channel, const std::function<std::unique_ptr<Transport>()>& make,
           std::function<void()> notify);
  // stop(), then gone (results not taken are dropped).
  ~SendPool();
  SendPool(const SendPool&) = delete;
  SendPool& operator=(const SendPool&) = delete;

  // Finishes the sends in progress (at most the transport timeout), drops the
  // queued ones (their rows stay queued in the store) and joins the threads.
  // take_results() still returns what finished. Idempotent; submit() after it
  // is ignored.
  void stop();

  void submit(std::vector<SendJob> jobs);
  std::vector<SendDone> take_results();

 private:
  void run(Transport& transport);

  int per_channel_;
  std::function<void()> notify_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<SendJob> queue_;
  std::map<std::string, int> busy_;  // channel id -> sends in progress
  std::vector<SendDone> done_;
  bool stopping_ = false;
  bool joined_ = false;
  std::vector<std::unique_ptr<Transport>> transports_;
  std::vector<std::thread> threads_;
};

}  // namespace cadence::delivery
