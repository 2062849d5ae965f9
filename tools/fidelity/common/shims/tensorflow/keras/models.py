Model = object
