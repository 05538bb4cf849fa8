# Reference values for the agreement statistics, computed by the R packages the README names, written to
# tests/unit/fixtures/agreement-r.json; tests/unit/stats-r-reference.test.ts checks the app's statistics
# against them to 1e-6. CI does not run R: it runs the test on the committed fixture.
#
# Regenerate (R >= 4.2 with psych, irr and irrCAC installed), from the repository root:
#   Rscript tests/r/agreement-fixtures.R
# The data sets are the worked examples of the tests plus random ones from a fixed seed, so a rerun with the
# same package versions gives the same file.

suppressPackageStartupMessages({
  library(psych)
  library(irr)
  library(irrCAC)
})

out <- "tests/unit/fixtures/agreement-r.json"

# --- a small JSON writer (no jsonlite needed): NA / NaN / Inf become null ------------------------------
json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      parts <- mapply(function(k, v) paste0('"', k, '":', json(v)), names(x), x)
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, json, ""), collapse = ","), "]"))
  }
  if (is.matrix(x)) return(json(lapply(seq_len(nrow(x)), function(i) as.list(unname(x[i, ])))))
  if (is.character(x)) return(if (length(x) == 1) paste0('"', x, '"') else json(as.list(x)))
  num <- function(v) if (is.na(v) || !is.finite(v)) "null" else sprintf("%.17g", v)
  if (length(x) == 1) return(num(x))
  paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
}
est <- function(value, lower = NA, upper = NA) list(value = value, lower = lower, upper = upper)
safe <- function(expr) tryCatch(suppressWarnings(expr), error = function(e) NA)

# --- the statistics of one data set -------------------------------------------------------------------
icc <- function(x) {
  r <- suppressWarnings(psych::ICC(x, lmer = FALSE))$results
  forms <- c("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")
  setNames(lapply(seq_along(forms), function(i) est(r$ICC[i], r[["lower bound"]][i], r[["upper bound"]][i])), forms)
}
# irr's ICC(A,1), the two-way absolute-agreement single-rater form, with its McGraw & Wong interval.
irrIcc <- function(x) {
  r <- safe(irr::icc(x, model = "twoway", type = "agreement"))
  if (!is.list(r)) return(est(NA))
  est(r$value, r$lbound, r$ubound)
}
# Gwet's AC1/AC2 and Krippendorff's alpha with Gwet's analytic variance, transcribed from
# irrCAC::gwet.ac1.raw and irrCAC::krippen.alpha.raw: irrCAC prints the coefficient and its standard error
# rounded to 5 decimals (and the interval to 3), too coarse for a 1e-6 test, so the fixture takes these
# full-precision transcriptions and stops unless they round to what irrCAC prints.
agreementMatrix <- function(x, categ) sapply(categ, function(k) rowSums(x == k, na.rm = TRUE))
quadratic <- function(categ) 1 - outer(categ, categ, "-")^2 / diff(range(categ))^2
weightsOf <- function(weights, categ) if (weights == "quadratic") quadratic(categ) else diag(length(categ))
tBounds <- function(value, se, n) {
  half <- qt(0.975, n - 1) * se
  est(value, value - half, min(1, value + half))
}
matchesIrrCAC <- function(value, se, printed, what) {
  if (abs(value - printed$coeff.val) > 1e-5 || abs(se - printed$coeff.se) > 1e-5) {
    stop(what, ": the transcription gives ", value, " (se ", se, "), irrCAC ", printed$coeff.val, " (se ", printed$coeff.se, ")")
  }
}
gwet <- function(x, weights, categ) {
  x <- as.matrix(x); n <- nrow(x); q <- length(categ); w <- weightsOf(weights, categ)
  a <- agreementMatrix(x, categ); ri <- rowSums(a); two <- ri >= 2
  sumq <- rowSums(a * (a %*% t(w) - 1))
  pa <- sum(sumq[two] / (ri * (ri - 1))[two]) / sum(two)
  pi <- colSums(a / ri) / n
  pe <- sum(w) * sum(pi * (1 - pi)) / (q * (q - 1))
  ac <- (pa - pe) / (1 - pe)
  den <- ri * (ri - 1); den <- den - (den == 0)
  aci <- (n / sum(two)) * (sumq / den - pe * two) / (1 - pe)
  pei <- (sum(w) / (q * (q - 1))) * as.vector(a %*% (1 - pi)) / ri
  se <- sqrt(sum((aci - 2 * (1 - ac) * (pei - pe) / (1 - pe) - ac)^2) / (n * (n - 1)))
  matchesIrrCAC(ac, se, irrCAC::gwet.ac1.raw(x, weights = weights, categ.labels = categ)$est, "gwet.ac1.raw")
  tBounds(ac, se, n)
}
gwetAlpha <- function(x, weights, categ) {
  x <- as.matrix(x); w <- weightsOf(weights, categ)
  a <- agreementMatrix(x, categ); a <- a[rowSums(a) >= 2, , drop = FALSE]
  ri <- rowSums(a); n <- nrow(a); rm <- mean(ri)
  sumq <- rowSums(a * (a %*% t(w) - 1))
  paPrime <- sum(sumq / (rm * (ri - 1))) / n
  pa <- (1 - 1 / sum(ri)) * paPrime + 1 / sum(ri)
  pi <- colSums(a / rm) / n
  pe <- sum(w * outer(pi, pi))
  alpha <- (pa - pe) / (1 - pe); alphaPrime <- (paPrime - pe) / (1 - pe)
  pai <- sumq / (rm * (ri - 1)) - pa * (ri - rm) / rm
  pei <- as.vector(a %*% ((w %*% pi + t(w) %*% pi) / 2)) / rm - pe * (ri - rm) / rm
  xi <- (pai - pe) / (1 - pe) - 2 * (1 - alphaPrime) * (pei - pe) / (1 - pe)
  se <- sqrt(sum((xi - alphaPrime)^2) / (n * (n - 1)))
  matchesIrrCAC(alpha, se, irrCAC::krippen.alpha.raw(x, weights = weights, categ.labels = categ)$est, "krippen.alpha.raw")
  tBounds(alpha, se, n)
}
twoCoders <- function(x, levels) {
  ck <- suppressWarnings(psych::cohen.kappa(x, levels = levels))
  list(
    psychKappa = safe(ck$kappa),
    psychWeightedKappa = safe(ck$weighted.kappa),
    kappa2 = safe(irr::kappa2(x)$value),
    agree = irr::agree(x)$value / 100
  )
}

# Ratings 1–5, every coder rated every recording.
ratingSet <- function(name, x) {
  s <- list(name = name, x = x, icc = icc(x), irrIccA1 = irrIcc(x), fleissKappa = safe(irr::kappam.fleiss(x)$value),
            gwetAC2 = gwet(x, "quadratic", 1:5), alphaInterval = gwetAlpha(x, "quadratic", 1:5),
            krippAlphaInterval = safe(irr::kripp.alpha(t(x), "interval")$value))
  if (ncol(x) == 2) s <- c(s, twoCoders(x, 1:5))
  s
}
# Counts (segments per session): the ICCs only.
countSet <- function(name, x) list(name = name, x = x, icc = icc(x), irrIccA1 = irrIcc(x))
# Presence 0/1 per segment and coder.
presenceSet <- function(name, x) {
  s <- list(name = name, x = x, fleissKappa = safe(irr::kappam.fleiss(x)$value),
            percentAgreement = irrCAC::pa.coeff.raw(x, categ.labels = c(0, 1))$est$pa,
            gwetAC1 = gwet(x, "unweighted", c(0, 1)), alphaNominal = gwetAlpha(x, "unweighted", c(0, 1)),
            krippAlphaNominal = safe(irr::kripp.alpha(t(x), "nominal")$value))
  if (ncol(x) == 2) s <- c(s, twoCoders(x, c(0, 1)))
  s
}
# Categories with missing ratings (the authors' worked examples): AC1/AC2 and alpha.
categoricalSet <- function(name, x, categ) {
  list(name = name, categories = categ, x = x,
       gwetAC1 = gwet(x, "unweighted", categ), gwetAC2 = gwet(x, "quadratic", categ),
       alphaNominal = gwetAlpha(x, "unweighted", categ), alphaInterval = gwetAlpha(x, "quadratic", categ),
       krippAlphaNominal = irr::kripp.alpha(t(x), "nominal")$value,
       krippAlphaInterval = irr::kripp.alpha(t(x), "interval")$value)
}

# --- the data sets ------------------------------------------------------------------------------------
shroutFleiss <- matrix(c(9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7), ncol = 4, byrow = TRUE)
base <- c(1, 1, 1, 1, 1, 3, 3, 3)
offset <- cbind(base, base, base + 1)
N <- NA
krippendorff <- matrix(c(1, 1, N, 1, 2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 4, 4, 4, 4, 4,
                         1, 1, 2, 1, 2, 2, 2, 2, N, 5, 5, 5, N, N, 1, 1, N, N, 3, N), ncol = 4, byrow = TRUE)
fiveObservers <- matrix(c(1, 1, 2, N, 2, 1, 1, 0, 1, N, 2, 3, 3, 3, N, N, 0, 0, N, 0, 0, 0, 0, N, 0, 0, 0, 0, N, 0,
                          1, 0, 2, N, 1, 1, N, 2, 0, N, 2, 2, 2, N, 2, 2, 1, 1, 1, N, N, 1, 0, 0, N, 0, 0, 0, 0, N,
                          1, 2, 2, 2, N, 3, 3, 2, 2, 3, 1, 1, 1, N, 1), ncol = 5, byrow = TRUE)
rareMarker <- rbind(matrix(0, 40, 2), matrix(1, 2, 2), c(1, 0), c(1, 0), c(0, 1))
smallRatings <- matrix(c(1, 1, 2, 3, 3, 3, 5, 4, 1, 2, 4, 4, 2, 2, 3, 1), ncol = 2, byrow = TRUE)

set.seed(20261204)
randomRatings <- lapply(1:20, function(i) {
  n <- sample(5:30, 1); k <- sample(2:4, 1)
  truth <- sample(1:5, n, replace = TRUE)
  x <- sapply(1:k, function(j) pmin(5, pmax(1, truth + sample(c(-1, 0, 0, 0, 1), n, replace = TRUE) + sample(c(0, 0, 1), 1))))
  x
})
randomCounts <- lapply(1:5, function(i) {
  n <- sample(5:30, 1); k <- sample(2:4, 1)
  truth <- rpois(n, 3)
  sapply(1:k, function(j) pmax(0, truth + sample(-1:1, n, replace = TRUE)))
})
randomPresence <- lapply(1:20, function(i) {
  n <- sample(20:60, 1); k <- sample(2:4, 1); p <- runif(1, 0.02, 0.2)
  truth <- rbinom(n, 1, p)
  x <- sapply(1:k, function(j) ifelse(runif(n) < 0.08, 1 - truth, truth))
  # Rare codes: at least one mark, so kappa is defined (a code nobody marked has its own test).
  if (sum(x) == 0) x[1, 1] <- 1
  x
})

fixture <- list(
  generatedBy = "tests/r/agreement-fixtures.R",
  r = R.version.string,
  packages = list(psych = as.character(packageVersion("psych")), irr = as.character(packageVersion("irr")),
                  irrCAC = as.character(packageVersion("irrCAC"))),
  ratings = c(list(ratingSet("smallRatings", smallRatings)),
              lapply(seq_along(randomRatings), function(i) ratingSet(paste0("random", i), randomRatings[[i]]))),
  counts = c(list(countSet("shroutFleiss", shroutFleiss), countSet("constantOffset", offset)),
             lapply(seq_along(randomCounts), function(i) countSet(paste0("randomCounts", i), randomCounts[[i]]))),
  presence = c(list(presenceSet("rareMarker", rareMarker)),
               lapply(seq_along(randomPresence), function(i) presenceSet(paste0("randomPresence", i), randomPresence[[i]]))),
  categorical = list(categoricalSet("krippendorff2011", krippendorff, 1:5), categoricalSet("gwetFiveObservers", fiveObservers, 0:3))
)
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
writeLines(json(fixture), out)
cat("wrote", out, "\n")
