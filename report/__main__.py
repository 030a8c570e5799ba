from report.cli import run

if __name__ == "__main__":  # chart workers re-import this module on Windows (spawn)
    run()
