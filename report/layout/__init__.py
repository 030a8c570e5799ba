"""Sections turn figures into flowables. They read figures; they never compute one."""
