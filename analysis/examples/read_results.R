# Read an hcsim results file with hdf5r into tidy data frames.
# Usage: Rscript read_results.R results.h5
#
# The layout is in docs/results-format.md. In format_version 2 the first axis
# of every /measures/<metric> is the run, not the replication: a scenario with
# a sweep has P points of R replications each, N = P x R runs in point-major
# order, and /runs/point and /runs/replication say which point and replication
# each run is; /points/label says what each point sets. Without a sweep P = 1
# and run r is replication r. A format_version 1 file has no /runs/point,
# /points or /summary/point: its runs are the replications of
# /dimensions/replication, all of one point.
#
# hdf5r returns arrays with dimensions reversed relative to h5py (C order):
# /measures/<metric> is [run, area, year], so in R it reads as [year, area, run].
# read(drop = FALSE) keeps dimensions of length 1 (one year, one area, one run).
library(hdf5r)

args <- commandArgs(trailingOnly = TRUE)
f <- H5File$new(args[[1]], mode = "r")

# Whether a dataset exists; H5Lexists needs every group on the path to exist.
has <- function(path) {
  parts <- strsplit(path, "/", fixed = TRUE)[[1]]
  for (i in seq_along(parts)) {
    if (!f$exists(paste(parts[1:i], collapse = "/"))) return(FALSE)
  }
  TRUE
}

# Each run's sweep point and replication; row r + 1 is run r.
if (has("runs/point")) {
  runs <- data.frame(point = as.integer(f[["runs/point"]]$read()),
                     replication = as.integer(f[["runs/replication"]]$read()))
} else {  # format_version 1: one point, runs are replications
  replication <- as.integer(f[["dimensions/replication"]]$read())
  runs <- data.frame(point = rep(0L, length(replication)), replication = replication)
}
labels <- if (has("points/label")) f[["points/label"]]$read() else ""
points <- sort(unique(runs$point))
cat(sprintf("scenario %s, seed %s, %d replications at each of %d point(s) (%d runs)\n",
            h5attr(f, "scenario"), format(h5attr(f, "seed")), h5attr(f, "replications"),
            length(points), nrow(runs)))

# /summary: over each point's replications, of each metric's total over areas
# and years; one row per point and metric.
metric <- f[["summary/metric"]]$read()
summary <- data.frame(
  point = if (has("summary/point")) as.integer(f[["summary/point"]]$read())
          else rep(0L, length(metric)),
  metric = metric,
  mean = f[["summary/mean"]]$read(),
  ci95_low = f[["summary/ci95_low"]]$read(),
  ci95_high = f[["summary/ci95_high"]]$read()
)
summary$label <- labels[summary$point + 1]
for (p in points) {
  label <- labels[p + 1]
  cat(sprintf("\npoint %d%s\n", p, if (nzchar(label)) paste0(": ", label) else ""))
  print(summary[summary$point == p, c("metric", "mean", "ci95_low", "ci95_high")],
        row.names = FALSE)
}

# Emergency admissions per area and point: the total over years of each run,
# then the mean over the point's replications.
areas <- f[["dimensions/area"]]$read()
years <- f[["dimensions/year"]]$read()
admissions <- f[["measures/emergency_admissions"]]$read(drop = FALSE)  # [year, area, run]
tidy <- expand.grid(year = years, area = areas, run = seq_len(nrow(runs)) - 1)
tidy$value <- as.vector(admissions)
tidy$point <- runs$point[tidy$run + 1]
tidy$replication <- runs$replication[tidy$run + 1]
per_run <- aggregate(value ~ point + area + replication, data = tidy, FUN = sum)
cat("\nemergency admissions per area, all measured years, mean over replications:\n")
print(aggregate(value ~ point + area, data = per_run, FUN = mean), row.names = FALSE)

# /measures_by_age_band/<metric> is [run, area, year, band] in C order, so in
# R the band is the first dimension and the run the last.
if (has("measures_by_age_band")) {
  bands <- f[["dimensions/age_band"]]$read()
  admissions <- f[["measures_by_age_band/emergency_admissions"]]$read(drop = FALSE)
  person_years <- f[["measures_by_age_band/person_years"]]$read(drop = FALSE)
  cat("\nemergency admissions per 1,000 person-years by age band:\n")
  by_band <- do.call(rbind, lapply(points, function(p) {
    of_point <- runs$point == p
    data.frame(point = p, age_band = bands, admissions_per_1000_person_years = round(
      1000 * apply(admissions[, , , of_point, drop = FALSE], 1, sum)
      / apply(person_years[, , , of_point, drop = FALSE], 1, sum), 1))
  }))
  print(by_band, row.names = FALSE)
}

# Intervention returns are per run, not per area and year:
# /intervention_returns is [run, intervention, field] in C order, [field,
# intervention, run] in R. A value is named <field>_<intervention> in hcsim's
# tables (the field cost: intervention_cost_<intervention>); roi is NaN where
# the intervention cost nothing.
if (has("intervention_returns")) {
  dataset <- f[["intervention_returns"]]
  interventions <- strsplit(h5attr(dataset, "interventions"), ",", fixed = TRUE)[[1]]
  fields <- strsplit(h5attr(dataset, "fields"), ",", fixed = TRUE)[[1]]
  values <- dataset$read(drop = FALSE)
  roi <- expand.grid(intervention = interventions, run = seq_len(nrow(runs)) - 1)
  roi$value <- as.vector(values[match("roi", fields), , ])
  roi$point <- runs$point[roi$run + 1]
  cat("\nreturn on investment per intervention, mean over replications",
      "(NaN: it cost nothing):\n")
  print(aggregate(value ~ point + intervention, data = roi, FUN = mean, na.action = na.pass),
        row.names = FALSE)
}
f$close_all()
