#include "test_util.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef NP_VECTOR_DIR
#error "NP_VECTOR_DIR must point at native-interop/tests/vectors"
#endif

Bytes hex(const std::string &h)
{
    if (h.size() % 2 != 0) throw std::runtime_error("odd hex length");
    Bytes out(h.size() / 2);
    for (size_t i = 0; i < out.size(); i++) out[i] = static_cast<unsigned char>(std::stoul(h.substr(2 * i, 2), nullptr, 16));
    return out;
}

std::string tohex(const unsigned char *p, size_t n)
{
    static const char *digits = "0123456789abcdef";
    std::string s;
    s.reserve(2 * n);
    for (size_t i = 0; i < n; i++) {
        s.push_back(digits[p[i] >> 4]);
        s.push_back(digits[p[i] & 15]);
    }
    return s;
}

const Json &Json::operator[](const std::string &key) const
{
    auto it = obj.find(key);
    if (kind != Object || it == obj.end()) throw std::runtime_error("missing JSON key " + key);
    return it->second;
}

const Json &Json::operator[](size_t i) const
{
    if (kind != Array || i >= arr.size()) throw std::runtime_error("JSON index out of range");
    return arr[i];
}

namespace {
struct Parser {
    const std::string &t;
    size_t i = 0;
    void ws() { while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) i++; }
    [[noreturn]] void fail(const char *what) { throw std::runtime_error(std::string("JSON: ") + what); }
    void expect(char c) { ws(); if (i >= t.size() || t[i] != c) fail("unexpected character"); i++; }
    std::string string_lit()
    {
        expect('"');
        std::string s;
        while (i < t.size() && t[i] != '"') {
            if (t[i] == '\\') {
                i++;
                if (i >= t.size()) fail("bad escape");
                char e = t[i++];
                switch (e) {
                case 'n': s.push_back('\n'); break;
                case 't': s.push_back('\t'); break;
                case 'r': s.push_back('\r'); break;
                case 'b': s.push_back('\b'); break;
                case 'f': s.push_back('\f'); break;
                case 'u': {
                    unsigned cp = static_cast<unsigned>(std::stoul(t.substr(i, 4), nullptr, 16));
                    i += 4;
                    if (cp < 0x80) s.push_back(static_cast<char>(cp));
                    else if (cp < 0x800) { s.push_back(static_cast<char>(0xc0 | (cp >> 6))); s.push_back(static_cast<char>(0x80 | (cp & 0x3f))); }
                    else { s.push_back(static_cast<char>(0xe0 | (cp >> 12))); s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f))); s.push_back(static_cast<char>(0x80 | (cp & 0x3f))); }
                    break;
                }
                default: s.push_back(e);
                }
            } else {
                s.push_back(t[i++]);
            }
        }
        if (i >= t.size()) fail("unterminated string");
        i++;
        return s;
    }
    Json value()
    {
        ws();
        if (i >= t.size()) fail("unexpected end");
        Json j;
        char c = t[i];
        if (c == '{') {
            j.kind = Json::Object;
            i++;
            ws();
            if (t[i] == '}') { i++; return j; }
            for (;;) {
                std::string k = string_lit();
                expect(':');
                j.obj[k] = value();
                ws();
                if (t[i] == ',') { i++; continue; }
                expect('}');
                return j;
            }
        }
        if (c == '[') {
            j.kind = Json::Array;
            i++;
            ws();
            if (t[i] == ']') { i++; return j; }
            for (;;) {
                j.arr.push_back(value());
                ws();
                if (t[i] == ',') { i++; continue; }
                expect(']');
                return j;
            }
        }
        if (c == '"') { j.kind = Json::String; j.str = string_lit(); return j; }
        if (t.compare(i, 4, "true") == 0) { i += 4; j.kind = Json::Bool; j.b = true; return j; }
        if (t.compare(i, 5, "false") == 0) { i += 5; j.kind = Json::Bool; return j; }
        if (t.compare(i, 4, "null") == 0) { i += 4; return j; }
        size_t end = i;
        while (end < t.size() && std::string("+-0123456789.eE").find(t[end]) != std::string::npos) end++;
        if (end == i) fail("bad value");
        j.kind = Json::Number;
        j.num = std::strtod(t.substr(i, end - i).c_str(), nullptr);
        i = end;
        return j;
    }
};
} // namespace

Json parse_json(const std::string &text)
{
    Parser p{text};
    Json j = p.value();
    return j;
}

const Json &vectors(const std::string &file)
{
    static std::map<std::string, std::unique_ptr<Json>> cache;
    auto it = cache.find(file);
    if (it != cache.end()) return *it->second;
    std::ifstream in(std::string(NP_VECTOR_DIR) + "/" + file);
    if (!in) throw std::runtime_error("cannot open vector file " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto parsed = std::make_unique<Json>(parse_json(ss.str()));
    const Json &ref = *parsed;
    cache[file] = std::move(parsed);
    return ref;
}

void TestRng::fill(unsigned char *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out[i] = static_cast<unsigned char>((state * 0x2545F4914F6CDD1DULL) >> 56);
    }
}

int TestRng::callback(void *ctx, unsigned char *out, size_t len)
{
    TestRng *r = static_cast<TestRng *>(ctx);
    if (r->fail_after >= 0 && r->calls >= r->fail_after) return -1;
    r->calls++;
    r->fill(out, len);
    return 0;
}
