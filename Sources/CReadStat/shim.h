// ReadStat: SPSS .sav/.zsav/.por and Stata .dta reader (Debian libreadstat-dev).
#include <readstat.h>
