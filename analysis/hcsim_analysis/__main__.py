"""Command line: python3 -m hcsim_analysis report FILE.h5 [FILE2.h5 ...] -o DIR

Exit status follows hcsim's: 0 success, 2 bad input (a missing or invalid
results file, an unusable output directory) with one line on stderr naming
the file, 3 an unexpected failure (a bug: the traceback is printed).
"""
import argparse
import sys
import traceback

EXIT_SUCCESS = 0
EXIT_BAD_INPUT = 2
EXIT_RUNTIME_FAILURE = 3


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="hcsim_analysis", description="Reports from hcsim results files.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report", help="write DIR/report.html and DIR/*.png from one or more results files",
        description="The first file is the baseline; every other file is compared with it "
                    "(paired by replication when the replications match).")
    report.add_argument("results", nargs="+", metavar="FILE.h5", help="hcsim results files")
    report.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="directory for report.html and the PNG charts")
    return parser.parse_args(argv)  # argparse itself exits 2 on a usage error


def main(argv=None):
    arguments = _arguments(sys.argv[1:] if argv is None else argv)
    # Imported here so a usage error answers without loading matplotlib.
    from .report import ReportOutputError, write_report
    from .results import ResultsFileError
    try:
        written = write_report(arguments.results, arguments.output)
    except (ResultsFileError, ReportOutputError) as error:
        message = " ".join(str(error).split())  # one line, whatever the HDF5 library said
        print(f"hcsim report: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception:  # noqa: BLE001  (anything else is a bug; say so and keep the trace)
        traceback.print_exc()
        print("hcsim report: internal error (please report it with the trace above)",
              file=sys.stderr)
        return EXIT_RUNTIME_FAILURE
    page = next(path for path in written if path.endswith("report.html"))
    print(f"hcsim report: wrote {page} and {len(written) - 1} chart(s)", file=sys.stderr)
    return EXIT_SUCCESS


if __name__ == "__main__":
    sys.exit(main())
