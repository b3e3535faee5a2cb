/*
 * np_rng_fn over the ESP32 hardware RNG, for the RNG-taking functions of nanoprov_crypto.h
 * (np_x25519_keypair, np_srp_gen_salt(_verifier), np_srp_server_start) when they are used from
 * native code on the device. esp_fill_random is cryptographically strong while Wi-Fi or BLE is
 * running (RF noise feeds the RNG); the managed side draws its secrets through IRandom instead.
 * ESP-IDF only; not part of the host build.
 */
#include "esp_random.h"

#include "nanoprov_crypto.h"

int np_rng_esp32(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    if (out == NULL && len != 0) {
        return -1;
    }
    esp_fill_random(out, len);
    return 0;
}
