#pragma once

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <execinfo.h>
#include <map>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

namespace bk::bench {

/// A poor man's profiler for stalls: a watchdog thread that, whenever the GUI thread's
/// heartbeat is more than lateMs overdue, interrupts the GUI thread with a signal and records
/// its stack. Stacks are counted; the most frequent ones say where the GUI thread was.
/// Link the executable with -rdynamic so that its own functions have names.
class StallSampler {
public:
    explicit StallSampler(int lateMs = 30)
        : m_lateMs(lateMs)
        , m_gui(pthread_self()) {
        instance() = this;
        void* warm[4];
        backtrace(warm, 4); // loads libgcc now, not inside the signal handler
        struct sigaction sa {};
        sa.sa_handler = &StallSampler::onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGUSR2, &sa, nullptr);
    }
    ~StallSampler() { stop(); }

    /// Call on the GUI thread at every heartbeat.
    void beat() { m_lastBeat.store(nowMs()); }
    void start() {
        beat();
        m_thread = std::thread([this] { watch(); });
    }
    void stop() {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }

    void print(FILE* out, std::size_t stacks, int frames) const {
        std::vector<std::pair<int, std::string>> v;
        for (const auto& [stack, n] : m_stacks)
            v.emplace_back(n, stack);
        std::sort(v.begin(), v.end(), std::greater<>());
        std::fprintf(out, "  GUI-thread stacks sampled while the heartbeat was %d ms late: %d\n",
                     m_lateMs, m_samples);
        for (std::size_t i = 0; i < std::min(stacks, v.size()); ++i) {
            std::fprintf(out, "   %d x\n", v[i].first);
            int shown = 0;
            std::size_t at = 0;
            while (shown < frames && at < v[i].second.size()) {
                const std::size_t end = v[i].second.find('\n', at);
                std::fprintf(out, "      %s\n", v[i].second.substr(at, end - at).c_str());
                at = end == std::string::npos ? end : end + 1;
                ++shown;
            }
        }
    }

private:
    static StallSampler*& instance() {
        static StallSampler* s = nullptr;
        return s;
    }
    static long long nowMs() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    static void onSignal(int) {
        StallSampler* s = instance();
        s->m_depth = backtrace(s->m_frames, kFrames);
        s->m_captured.store(true);
    }
    static std::string demangled(const char* symbol) {
        std::string line(symbol);
        const auto open = line.find('('), plus = line.find('+', open);
        if (open == std::string::npos || plus == std::string::npos || plus == open + 1)
            return line;
        const std::string mangled = line.substr(open + 1, plus - open - 1);
        int status = 0;
        char* name = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
        if (status != 0 || !name)
            return line;
        std::string out(name);
        std::free(name);
        return out.size() > 160 ? out.substr(0, 160) + "…" : out;
    }
    void watch() {
        while (!m_stop.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            if (nowMs() - m_lastBeat.load() < m_lateMs)
                continue;
            m_captured.store(false);
            pthread_kill(m_gui, SIGUSR2);
            for (int i = 0; i < 100 && !m_captured.load(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (!m_captured.load())
                continue;
            char** symbols = backtrace_symbols(m_frames, m_depth);
            std::string stack;
            for (int i = 2; i < m_depth && symbols; ++i) // skip the handler and the trampoline
                stack += demangled(symbols[i]) + '\n';
            std::free(symbols);
            ++m_stacks[stack];
            ++m_samples;
        }
    }

    static constexpr int kFrames = 48;
    int m_lateMs;
    pthread_t m_gui;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<long long> m_lastBeat{0};
    std::atomic<bool> m_captured{false};
    void* m_frames[kFrames] = {};
    int m_depth = 0;
    std::map<std::string, int> m_stacks;
    int m_samples = 0;
};

} // namespace bk::bench
