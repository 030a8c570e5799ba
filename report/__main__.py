from report.cli import main

if __name__ == "__main__":  # chart workers re-import this module on Windows (spawn)
    raise SystemExit(main())
