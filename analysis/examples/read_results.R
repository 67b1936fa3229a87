# Read an hcsim results file with hdf5r into a tidy data frame.
# Usage: Rscript read_results.R results.h5
library(hdf5r)

args <- commandArgs(trailingOnly = TRUE)
f <- H5File$new(args[[1]], mode = "r")

areas <- f[["dimensions/area"]]$read()
years <- f[["dimensions/year"]]$read()
summary <- data.frame(
  metric = f[["summary/metric"]]$read(),
  mean = f[["summary/mean"]]$read(),
  ci95_low = f[["summary/ci95_low"]]$read(),
  ci95_high = f[["summary/ci95_high"]]$read()
)
print(summary)

# hdf5r returns arrays with dimensions reversed relative to h5py:
# /measures/<metric> is [replication, area, year] in C order, so in R it reads
# as [year, area, replication].
admissions <- f[["measures/emergency_admissions"]]$read()
tidy <- expand.grid(year = years, area = areas,
                    replication = seq_len(dim(admissions)[3]) - 1)
tidy$value <- as.vector(admissions)
print(aggregate(value ~ area, data = tidy, FUN = mean))
# /measures_by_age_band/<metric> is [run, area, year, band] in C order, so in
# R the band is the first dimension.
if (f$exists("measures_by_age_band")) {
  bands <- f[["dimensions/age_band"]]$read()
  admissions <- f[["measures_by_age_band/emergency_admissions"]]$read()
  person_years <- f[["measures_by_age_band/person_years"]]$read()
  per_1000 <- 1000 * apply(admissions, 1, sum) / apply(person_years, 1, sum)
  print(data.frame(age_band = bands, admissions_per_1000_person_years = per_1000))
}
f$close_all()
