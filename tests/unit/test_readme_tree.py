"""README's "How it is organised" names every file the project keeps, folder by folder, and nothing else."""

import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTENT = ("docs/ru/", "docs/en/")  # the playbook's pages: named as folders, not file by file


def listed():
    """{folder: set of file names} from the section's code block ("./" is the root)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text.split("\n## How it is organised\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```\n", 1)[1].split("```", 1)[0]
    folders, folder = {}, None
    for line in block.splitlines():
        names = line.strip().split("  ", 1)[0].split(", ")
        if not line.startswith(" "):
            for name in names:
                assert name.endswith("/"), "a folder line names folders ending with '/': %r" % line
                folders.setdefault(name, set())
            folder = names[-1]
        else:
            assert folder is not None, line
            for name in names:
                assert name not in folders[folder], "%s%s is listed twice" % (folder, name)
                folders[folder].add(name)
    return folders


def kept():
    """{folder: set of file names} of the files git keeps, the playbook's pages aside."""
    done = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True) if shutil.which("git") else None
    if done is None or done.returncode != 0:
        pytest.skip("not a git checkout: the kept files are git's list")
    names = done.stdout.split()
    folders = {}
    for path in names:
        folder, name = os.path.split(path)
        folder = folder + "/" if folder else "./"
        if not folder.startswith(CONTENT):
            folders.setdefault(folder, set()).add(name)
    return folders


def test_every_kept_file_is_named_in_its_folder_and_nothing_else():
    said, have = listed(), kept()
    for content in CONTENT:
        assert content in said and not said[content], "%s is named as a folder only" % content
    missing = ["%s%s" % (folder, name) for folder in sorted(have) for name in sorted(have[folder] - said.get(folder, set()))]
    gone = ["%s%s" % (folder, name) for folder in sorted(said) for name in sorted(said[folder] - have.get(folder, set()))]
    assert not missing, "README's 'How it is organised' does not name: %s" % ", ".join(missing)
    assert not gone, "README's 'How it is organised' names files that are not kept: %s" % ", ".join(gone)
