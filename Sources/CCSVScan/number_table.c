// The conversion table of `ccsv_simd_convert` (number.h), filled once when the program loads.
#include "number.h"

ccsv_conversion ccsv_conversions[16][17] __attribute__((aligned(32)));

__attribute__((constructor))
static void fill_conversions(void) {
    for (int length = 0; length < 16; length++)
        for (int point = 0; point <= 16; point++) {
            ccsv_conversions[length][point].scale = ccsv_powers_of_ten[point < length ? length - 1 - point : 0];
            // The bytes gathered, in order: all but the point (a sign byte is read as a 0 digit).
            uint8_t digits[16];
            int count = 0;
            for (int b = 0; b < length; b++)
                if (b != point) digits[count++] = (uint8_t)b;
            for (int lane = 0; lane < 16; lane++) {
                int k = lane - (16 - count);
                ccsv_conversions[length][point].gather[lane] = k < 0 ? 0x80 : digits[k];
            }
        }
}
