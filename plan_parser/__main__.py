from .regex_cache import install

install()  # before the command line's imports compile their patterns

from .cli.entry import main  # noqa: E402

main()
