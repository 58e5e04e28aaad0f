# Writes dates.dta and dates.sav (R 4 with haven 2.x): a Date and a date-time column, which the
# files store as Stata %td days / %tc milliseconds since 1960-01-01 and SPSS DATE11 / DATETIME20
# seconds since 1582-10-14. StatDateTests expects haven's own reading of them as ISO text.
library(haven)
d <- data.frame(id = 1:4,
                when = as.Date(c("2019-05-14", "1960-01-01", "1582-10-15", NA)),
                at = as.POSIXct(c("2019-05-14 13:45:10", "1960-01-01 00:00:00", "2000-02-29 23:59:59", NA), tz = "UTC"),
                y = c(1.5, 2, 3, 4))
write_dta(d, "dates.dta")
write_sav(d, "dates.sav")
