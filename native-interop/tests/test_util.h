// Test helpers: hex conversion, a minimal JSON reader for the vector files, an RNG for tests.
#ifndef NP_TEST_UTIL_H
#define NP_TEST_UTIL_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

using Bytes = std::vector<unsigned char>;

Bytes hex(const std::string &h);
std::string tohex(const unsigned char *p, size_t n);
inline std::string tohex(const Bytes &b) { return tohex(b.data(), b.size()); }

// A parsed JSON value (objects, arrays, strings, numbers, true/false/null).
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    bool b = false;
    double num = 0;
    std::string str;
    std::vector<Json> arr;
    std::map<std::string, Json> obj;

    const Json &operator[](const std::string &key) const;  // throws when missing
    const Json &operator[](size_t i) const;
    Bytes bytes() const { return hex(str); }               // hex string field
    int integer() const { return static_cast<int>(num); }
};

Json parse_json(const std::string &text);
const Json &vectors(const std::string &file);              // "sec1.json" / "sec2.json", cached

// Deterministic test RNG (xorshift64*) with the np_rng_fn signature; can be told to fail.
struct TestRng {
    uint64_t state;
    int fail_after = -1; // number of successful calls before failing (-1 = never fail)
    int calls = 0;
    explicit TestRng(uint64_t seed) : state(seed ? seed : 1) {}
    void fill(unsigned char *out, size_t len);
    static int callback(void *ctx, unsigned char *out, size_t len);
};

#endif
