// Sender threads with a per-channel concurrency limit.
#include "delivery/send_pool.hpp"

#include <algorithm>

namespace cadence::delivery {

SendPool::SendPool(int threads, int per_channel,
                   const std::function<std::unique_ptr<Transport>()>& make,
                   std::function<void()> notify)
    : per_channel_(std::max(1, per_channel)), notify_(std::move(notify)) {
  const int n = std::max(1, threads);
  for (int i = 0; i < n; ++i) transports_.push_back(make());
  for (int i = 0; i < n; ++i) {
    Transport& t = *transports_[static_cast<std::size_t>(i)];
    threads_.emplace_back([this, &t] { run(t); });
  }
}

SendPool::~SendPool() { stop(); }

void SendPool::stop() {
  if (joined_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  joined_ = true;
}

void SendPool::submit(std::vector<SendJob> jobs) {
  if (jobs.empty()) return;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    for (auto& j : jobs) queue_.push_back(std::move(j));
  }
  wake_.notify_all();
}

std::vector<SendDone> SendPool::take_results() {
  std::lock_guard lock(mutex_);
  std::vector<SendDone> out;
  out.swap(done_);
  return out;
}

void SendPool::run(Transport& transport) {
  std::unique_lock lock(mutex_);
  for (;;) {
    // The oldest job whose channel has a free slot: a busy (slow) channel's
    // backlog waits while other channels' jobs pass it.
    auto pick = queue_.end();
    wake_.wait(lock, [&] {
      if (stopping_) return true;
      pick = std::find_if(queue_.begin(), queue_.end(),
                          [&](const SendJob& j) { return busy_[j.channel.id] < per_channel_; });
      return pick != queue_.end();
    });
    if (stopping_) return;
    SendJob job = std::move(*pick);
    queue_.erase(pick);
    ++busy_[job.channel.id];
    lock.unlock();
    SendResult result = transport.send(job.channel, job.message, job.now);
    lock.lock();
    --busy_[job.channel.id];
    done_.push_back({job.row_id, std::move(result)});
    // Once per batch: the first result since the last take_results() (the
    // owner collects them all). Once stopping, nobody is there to tell.
    const bool tell = done_.size() == 1 && !stopping_ && notify_;
    lock.unlock();
    // A finished channel may unblock a job another thread skipped.
    wake_.notify_all();
    if (tell) notify_();
    lock.lock();
  }
}

}  // namespace cadence::delivery
