import os
import sys


def predict(x,y):
    return {'sum': x+y, 'a_really_long_key_name_that_goes_on': "and a value that makes this line far too long"}


def clean(value):
    return value
