# Minimal JSON writer for the reference scripts (jsonlite is not installed in the reference
# environment). Numbers are written with 17 significant digits so doubles round-trip exactly.
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, "", indent = inner)
    if (!is.null(names(x))) {
      items <- paste0("\"", names(x), "\": ", items)
      return(paste0("{\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "}"))
    }
    return(paste0("[\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "]"))
  }
  scalar <- function(v) {
    if (is.na(v)) return("null")
    if (is.character(v) || is.factor(v)) return(paste0("\"", gsub("\"", "\\\\\"", as.character(v)), "\""))
    if (is.logical(v)) return(if (v) "true" else "false")
    if (!is.finite(v)) return("null")
    sprintf("%.17g", v)
  }
  vals <- vapply(seq_along(x), function(i) scalar(x[[i]]), "")
  if (!is.null(names(x))) {
    return(paste0("{", paste0("\"", names(x), "\": ", vals, collapse = ", "), "}"))
  }
  if (length(x) == 1 && is.null(attr(x, "array"))) return(vals)
  paste0("[", paste(vals, collapse = ", "), "]")
}
# Marks a vector to be written as an array even when it has one element.
as_array <- function(x) { x <- unname(x); attr(x, "array") <- TRUE; x }
