// The shuffle and divisor tables of `ccsv_simd_convert` (number.h), filled once when the program loads.
#include "number.h"

uint8_t ccsv_gather_index[16][17][2][16] __attribute__((aligned(16)));
double ccsv_scale[16][17];

__attribute__((constructor))
static void fill_gather_index(void) {
    for (int sign = 0; sign < 2; sign++)
        for (int length = 0; length < 16; length++)
            for (int point = 0; point <= 16; point++) {
                ccsv_scale[length][point] = ccsv_powers_of_ten[point < length ? length - 1 - point : 0];
                // The digits' byte positions, in order: from the sign to the end, less the point.
                uint8_t digits[16];
                int count = 0;
                for (int b = sign; b < length; b++)
                    if (b != point) digits[count++] = (uint8_t)b;
                for (int lane = 0; lane < 16; lane++) {
                    int k = lane - (16 - count);
                    ccsv_gather_index[length][point][sign][lane] = k < 0 ? 0x80 : digits[k];
                }
            }
}
