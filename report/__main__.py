from report import command

if __name__ == "__main__":  # chart workers re-import this module on Windows (spawn)
    command()
